import Historian
import Time

/// Times in query parameters: RFC 3339, integer epoch (nanoseconds, or with a unit suffix
/// `s`, `ms`, `us`, `ns`), or relative to now: `now`, `now-1h`, `now+15m`.
enum TimeParameter {
    /// Parses `text` for parameter `name`; `now` is the current time in nanoseconds.
    /// - Throws: a 400 ``APIError`` naming the parameter and the accepted forms.
    static func parse(_ text: String, name: String, now: Int64) throws -> Int64 {
        if let value = Int64(text) { return value }
        if let value = RFC3339.parse(text) { return value }
        if text.hasPrefix("now") {
            let offset = text.dropFirst(3)
            if offset.isEmpty { return now }
            if let sign = offset.first, sign == "-" || sign == "+", let duration = DurationText.nanoseconds(String(offset.dropFirst())) {
                let (result, overflow) = sign == "-" ? now.subtractingReportingOverflow(duration) : now.addingReportingOverflow(duration)
                if !overflow { return result }
            }
        }
        for (suffix, factor) in [("ns", Int64(1)), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)] where text.hasSuffix(suffix) {
            if let count = Int64(text.dropLast(suffix.count)) {
                let (result, overflow) = count.multipliedReportingOverflow(by: factor)
                if !overflow { return result }
            }
        }
        throw APIError.badRequest("\(name) '\(text)' is not a time: use RFC 3339 (2024-01-01T00:00:00Z), epoch nanoseconds, epoch with a unit (1704067200s) or now-1h")
    }
}
