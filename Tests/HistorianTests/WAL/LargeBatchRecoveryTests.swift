import Foundation
import TestSupport
import Testing

@testable import Historian

/// Batches far larger than a stack are logged, recovered and verified; batches above the record
/// limit become several records, and a crash in the middle keeps exactly their complete records.
@Suite struct LargeBatchRecoveryTests {
    static func samples(_ count: Int) -> [RawSample] {
        (0..<count).map { RawSample(series: 1, timestamp: Int64($0) * 1_000, bits: Double($0).bitPattern, quality: 0) }
    }

    static func register(_ historian: Historian) throws -> SeriesID {
        try historian.register([(SeriesKey(measurement: "m", field: "v"), .float)])[0].id
    }

    /// 1,200,000 samples in one record (about 14 MB): the reader used to copy a record onto the stack.
    @Test func oneRecordOfMillionsOfSamplesIsReplayedAndVerified() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let written = Self.samples(1_200_000)
        do {
            let historian = try Historian(directory: directory.path)
            let id = try Self.register(historian)
            #expect(id == 1)
            try historian.writeRaw(written)
        }
        let report = try Historian.verify(directory: directory.path)
        #expect(report.faults.isEmpty, "\(report.faults)")
        let historian = try Historian(directory: directory.path)
        #expect(historian.recovery.samplesReplayed == written.count)
        #expect(historian.recovery.recordsReplayed == 1)
        let read = try historian.samples(series: 1, from: .min, to: .max)
        #expect(read.count == written.count)
        #expect(read.last == Sample(timestamp: 1_199_999_000, value: .float(1_199_999)))
    }

    /// A batch of 2.5 records' worth: three records; with the last one torn (a crash before the
    /// acknowledgement), recovery keeps the first two records exactly and nothing of the third.
    @Test func aBatchIsLoggedAsBoundedRecordsAndACrashKeepsItsCompleteRecords() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.samplesPerWALRecord = 1_000
        let written = Self.samples(2_500)
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try Self.register(historian)
            try historian.writeRaw(written)
        }
        do {
            let historian = try Historian(directory: directory.path, options: options)
            #expect(historian.recovery.recordsReplayed == 3)
            #expect(try historian.samples(series: 1, from: .min, to: .max).count == 2_500)
        }
        // Reopening started a new, empty segment; the batch is in the first. Cut its last record short.
        let wal = directory.path + "/wal/"
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: wal).sorted().first)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: wal + segment))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 100)
        try handle.close()
        for name in try FileManager.default.contentsOfDirectory(atPath: wal) where name != segment {
            try FileManager.default.removeItem(atPath: wal + name)
        }
        let historian = try Historian(directory: directory.path, options: options)
        #expect(historian.recovery.recordsReplayed == 2)
        #expect(historian.recovery.tornTail != nil)
        let read = try historian.samples(series: 1, from: .min, to: .max)
        #expect(read.count == 2_000)
        #expect(read.last == Sample(timestamp: 1_999_000, value: .float(1_999)))
    }
}
