/// A registered series: its id, key, value kind and metadata.
public struct Series: Sendable, Equatable {
    public let id: SeriesID
    public let key: SeriesKey
    public let kind: ValueKind
    public var metadata: SeriesMetadata

    /// The interpolation queries use: the metadata's, else linear for floats and step for the other kinds.
    public var interpolation: Interpolation {
        metadata.interpolation ?? (kind == .float ? .linear : .step)
    }
}
