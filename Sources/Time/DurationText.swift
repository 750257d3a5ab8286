/// Durations written as a count and a unit, as in InfluxQL and Prometheus: `500ms`, `10s`, `1m`, `2h`, `7d`.
public enum DurationText {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
    ]

    /// The positive duration `text` names, in nanoseconds; nil when it is not a positive integer
    /// followed by one of the units ns, us (µs), ms, s, m, h, d, w, or when it overflows Int64.
    public static func nanoseconds(_ text: String) -> Int64? {
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let count = Int64(text.dropLast(unit.suffix.count)), count > 0 else { continue }
            let (product, overflow) = count.multipliedReportingOverflow(by: unit.nanoseconds)
            return overflow ? nil : product
        }
        return nil
    }
}
