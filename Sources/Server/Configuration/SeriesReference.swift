import Historian

/// One series named by its exact key (measurement, tags, field), as a machine definition names
/// its state and count series.
public struct SeriesReference: Sendable, Equatable {
    /// The measurement.
    public var measurement: String
    /// Every tag of the series.
    public var tags: [String: String]
    /// The field.
    public var field: String

    public init(measurement: String, tags: [String: String] = [:], field: String) {
        self.measurement = measurement
        self.tags = tags
        self.field = field
    }

    /// The series key this reference names.
    public var key: SeriesKey {
        SeriesKey(measurement: measurement, tags: tags.map { SeriesKey.Tag(key: $0.key, value: $0.value) }, field: field)
    }
}
