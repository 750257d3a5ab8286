/// A value reconstructed at a given time; nil where the series has no value there.
public struct InterpolatedValue: Sendable, Equatable {
    public var timestamp: Int64
    public var value: Double?
}
