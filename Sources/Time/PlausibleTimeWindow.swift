/// The sample times a front end takes as plausible: from ``earliest`` to ``ahead`` after now.
///
/// A time outside is usually an integer written in the wrong unit (seconds read as nanoseconds
/// land in January 1970); ``likelyUnit(of:now:)`` finds the unit that would put it inside.
public struct PlausibleTimeWindow: Sendable, Equatable {
    /// A unit an integer time may be written in.
    public struct Unit: Sendable, Equatable {
        /// Its suffix and precision name: `s`, `ms`, `us`, `ns`.
        public let suffix: String
        /// Its name for people: `seconds`, ...
        public let name: String
        /// Nanoseconds per unit.
        public let nanoseconds: Int64
    }

    /// The units, coarsest first.
    public static let units = [
        Unit(suffix: "s", name: "seconds", nanoseconds: 1_000_000_000),
        Unit(suffix: "ms", name: "milliseconds", nanoseconds: 1_000_000),
        Unit(suffix: "us", name: "microseconds", nanoseconds: 1_000),
        Unit(suffix: "ns", name: "nanoseconds", nanoseconds: 1),
    ]

    /// 1990-01-01T00:00:00Z in nanoseconds since the epoch: the default ``earliest``.
    public static let defaultEarliest: Int64 = 631_152_000_000_000_000
    /// One day in nanoseconds: the default ``ahead``.
    public static let defaultAhead: Int64 = 86_400_000_000_000

    /// The earliest plausible time, nanoseconds since the epoch.
    public var earliest: Int64
    /// How far after now a time may lie, nanoseconds.
    public var ahead: Int64

    /// A window from `earliest` to `ahead` after now (defaults: 1990-01-01 to one day after now).
    public init(earliest: Int64 = defaultEarliest, ahead: Int64 = defaultAhead) {
        self.earliest = earliest
        self.ahead = ahead
    }

    /// The latest plausible time at `now` (nanoseconds).
    public func latest(now: Int64) -> Int64 {
        let (latest, overflow) = now.addingReportingOverflow(ahead)
        return overflow ? .max : latest
    }

    /// Whether `nanoseconds` lies in the window at `now`.
    public func contains(_ nanoseconds: Int64, now: Int64) -> Bool {
        nanoseconds >= earliest && nanoseconds <= latest(now: now)
    }

    /// The unit, other than `written`, in which the integer `value` would be a plausible time, or nil.
    public func likelyUnit(of value: Int64, writtenIn written: Unit, now: Int64) -> Unit? {
        Self.units.first { unit in
            guard unit != written else { return false }
            let (nanoseconds, overflow) = value.multipliedReportingOverflow(by: unit.nanoseconds)
            return !overflow && contains(nanoseconds, now: now)
        }
    }

    /// `from .. to` of the window at `now`, for messages.
    public func describe(now: Int64) -> String {
        "\(RFC3339.format(earliest)) .. \(RFC3339.format(latest(now: now)))"
    }
}
