/// A registered series: its id, key, value kind and metadata.
public struct Series: Sendable, Equatable {
    /// The dense id, from 1.
    public let id: SeriesID
    /// Measurement, tags and field.
    public let key: SeriesKey
    /// The kind of every value, fixed by the first one written.
    public let kind: ValueKind
    /// Unit, description, ranges and interpolation.
    public var metadata: SeriesMetadata

    /// The interpolation queries use: the metadata's, else linear for floats and step for the other kinds.
    public var interpolation: Interpolation {
        metadata.interpolation ?? (kind == .float ? .linear : .step)
    }
}
