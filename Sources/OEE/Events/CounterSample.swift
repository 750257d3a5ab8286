/// A reading of a PLC part counter that only counts up, except when it is reset or wraps around.
///
/// The calculator turns consecutive readings into counts: an increase is that many parts; a
/// decrease is a wrap-around when a rollover modulus is configured, the previous reading lies in
/// the top quarter of the range and the new one in the bottom quarter (parts = modulus - previous
/// + new); any other decrease is a reset to zero (parts = new). The parts are attributed to the
/// timestamp of the later reading. The first reading is only a baseline.
public struct CounterSample: Hashable, Sendable {
    /// Which part count a counter measures.
    public enum Kind: Hashable, Sendable {
        case good
        case reject
    }

    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The counter reading, not negative and below the rollover modulus if one is configured.
    public var value: Int64
    /// Whether the counter counts good or rejected parts.
    public var kind: Kind

    public init(timestamp: Int64, value: Int64, kind: Kind) {
        self.timestamp = timestamp
        self.value = value
        self.kind = kind
    }
}
