/// Parts reported by a machine at one instant. Counts belong to the shift whose window holds
/// `timestamp`, whatever the machine state then; counts outside every shift are ignored.
public struct CountEvent: Hashable, Sendable {
    /// Largest `good` or `reject` accepted in one event (keeps every sum far from overflow).
    public static let maximumCount: Int64 = 1_000_000_000

    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// Good parts.
    public var good: Int64
    /// Rejected parts (scrap and rework).
    public var reject: Int64

    public init(timestamp: Int64, good: Int64, reject: Int64) {
        self.timestamp = timestamp
        self.good = good
        self.reject = reject
    }

    /// Throws ``OEEError/negativeCount(item:value:)`` or ``OEEError/countTooLarge(item:value:)`` naming `item`.
    func validate(item: String) throws(OEEError) {
        for value in [good, reject] {
            guard value >= 0 else { throw .negativeCount(item: item, value: value) }
            guard value <= Self.maximumCount else { throw .countTooLarge(item: item, value: value) }
        }
    }
}
