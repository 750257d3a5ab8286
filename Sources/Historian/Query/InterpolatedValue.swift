/// A value reconstructed at a given time; nil where the series has no value there.
public struct InterpolatedValue: Sendable, Equatable {
    /// Nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The reconstructed value, nil where unknown.
    public var value: Double?
}
