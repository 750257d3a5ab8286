/// From `timestamp` on, the machine makes `product` (until the next product change). Before the
/// first product change, the machine's default ideal cycle time applies.
public struct ProductChange: Hashable, Sendable {
    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// Product identifier, looked up in ``MachineConfiguration/idealCycleTimeByProduct``.
    public var product: String

    public init(timestamp: Int64, product: String) {
        self.timestamp = timestamp
        self.product = product
    }
}
