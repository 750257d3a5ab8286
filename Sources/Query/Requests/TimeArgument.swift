import Time

/// The text forms of a time in a query: RFC 3339, integer epoch nanoseconds, an integer epoch with
/// a unit suffix (`1704067200s`, `ms`, `us`, `ns`), or relative to now (`now`, `now-1h`, `now+15m`).
///
/// A bare non-zero integer that falls before 1990 read as nanoseconds but in the plausible window
/// (``PlausibleTimeWindow``, 1990 to a day after now) read as seconds, milliseconds or microseconds
/// is refused with the spelling that means it (`1583748873` -> "write 1583748873s"); `1583748873ns`
/// still names that nanosecond.
public enum TimeArgument {
    /// The time `text` names, nanoseconds since the epoch; `now` is the current time in nanoseconds.
    /// - Throws: ``QueryArgumentError`` naming `argument` and the accepted forms, or the unit a bare
    ///   integer was likely meant in.
    public static func parse(_ text: String, argument: String, now: Int64) throws(QueryArgumentError) -> Int64 {
        if let value = Int64(text) {
            let window = PlausibleTimeWindow()
            if value != 0, value < window.earliest,
                let unit = window.likelyUnit(of: value, writtenIn: PlausibleTimeWindow.units[3], now: now)
            {
                throw QueryArgumentError(
                    argument: argument, text: text,
                    reason:
                        "is before 1990 read as nanoseconds but looks like \(unit.name): write \(text)\(unit.suffix) (or \(text)ns for nanoseconds)")
            }
            return value
        }
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
        throw QueryArgumentError(
            argument: argument, text: text,
            reason: "is not a time: use RFC 3339 (2024-01-01T00:00:00Z), epoch nanoseconds, epoch with a unit (1704067200s) or now-1h")
    }

    /// The range `[from, to)` of two time texts; `to` defaults to `now`.
    /// - Throws: ``QueryArgumentError`` for a text that is not a time, or `from` not before `to`.
    public static func range(from: String, to: String?, now: Int64, fromArgument: String = "from", toArgument: String = "to")
        throws(QueryArgumentError) -> (from: Int64, to: Int64)
    {
        let start = try parse(from, argument: fromArgument, now: now)
        let end = try to.map { text throws(QueryArgumentError) in try parse(text, argument: toArgument, now: now) } ?? now
        guard start < end else {
            throw QueryArgumentError(argument: fromArgument, text: from, reason: "is not before \(toArgument) (\(to ?? "now"))")
        }
        return (start, end)
    }
}
