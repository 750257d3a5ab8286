/// A time of day without a date or an offset, as written in the document (`07:32:00.999999`).
public struct TOMLLocalTime: Sendable, Hashable, CustomStringConvertible {
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int
    /// The second, 0 to 60 (60 only for a leap second, as RFC 3339 allows).
    public let second: Int
    /// The fraction of the second in nanoseconds, 0 to 999,999,999. Digits written beyond the ninth are
    /// truncated, as TOML 1.0 asks of implementations that cannot keep them.
    public let nanosecond: Int

    /// A time from its parts, or nil if one is out of its range.
    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999_999_999).contains(nanosecond)
        else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The time as RFC 3339 `partial-time`, e.g. `07:32:00.5`: the fraction has no trailing zeros and
    /// is left out when it is zero.
    public var description: String {
        var text = "\(paddedDigits(hour, count: 2)):\(paddedDigits(minute, count: 2)):\(paddedDigits(second, count: 2))"
        if nanosecond > 0 {
            var fraction = paddedDigits(nanosecond, count: 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }
}
