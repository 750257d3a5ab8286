/// Entry points for the fuzz targets under `Fuzz/` (SPI: not part of the public API).
@_spi(Fuzzing)
public enum WriteAheadLogFuzzing {
    /// Reads `bytes` as a WAL segment, as is and behind a valid segment header (so that the
    /// fuzzer reaches the records), as the last segment and as an earlier one, with and without
    /// accepting loss, as recovery and `histd verify` do; returns the records read. Must never trap.
    public static func readSegment(_ bytes: [UInt8]) -> Int {
        var records = 0
        for segment in [bytes, WriteAheadLog.header() + bytes] {
            segment.withUnsafeBytes { raw in
                for (isLast, acceptLoss) in [(true, false), (false, false), (true, true), (false, true)] {
                    var report = RecoveryReport()
                    _ = try? WriteAheadLog.scan(raw, path: "fuzz.wal", isLast: isLast, acceptLoss: acceptLoss, report: &report) { _ in }
                    records += report.recordsReplayed
                }
            }
        }
        return records
    }
}
