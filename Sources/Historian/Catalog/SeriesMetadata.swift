/// Descriptive data of a series that queries and analytics use; all optional.
///
/// Stored behind one reference that is nil while nothing is set: the catalog holds a ``Series`` per
/// series in memory, and most series have no metadata (inline, the six optionals took about 100
/// bytes a series, 100 MB at a million series).
public struct SeriesMetadata: Sendable, Equatable {
    private struct Fields: Equatable {
        var unit: String?
        var description: String?
        var engineeringRange: ClosedRange<Double>?
        var lowerSpecLimit: Double?
        var upperSpecLimit: Double?
        var interpolation: Interpolation?
    }

    private final class Storage: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private var storage: Storage?

    private var fields: Fields {
        get { storage?.fields ?? Fields() }
        set { storage = newValue == Fields() ? nil : Storage(newValue) }
    }

    /// Creates metadata; every part is optional.
    public init(
        unit: String? = nil, description: String? = nil, engineeringRange: ClosedRange<Double>? = nil,
        lowerSpecLimit: Double? = nil, upperSpecLimit: Double? = nil, interpolation: Interpolation? = nil
    ) {
        fields = Fields(
            unit: unit, description: description, engineeringRange: engineeringRange, lowerSpecLimit: lowerSpecLimit,
            upperSpecLimit: upperSpecLimit, interpolation: interpolation)
    }

    /// Engineering unit, e.g. `degC`, `bar`.
    public var unit: String? {
        get { storage?.fields.unit }
        set { fields.unit = newValue }
    }

    /// Free text for people.
    public var description: String? {
        get { storage?.fields.description }
        set { fields.description = newValue }
    }

    /// The instrument's lowest and highest possible reading, in ``unit``.
    public var engineeringRange: ClosedRange<Double>? {
        get { storage?.fields.engineeringRange }
        set { fields.engineeringRange = newValue }
    }

    /// Lower specification limit, in ``unit``.
    public var lowerSpecLimit: Double? {
        get { storage?.fields.lowerSpecLimit }
        set { fields.lowerSpecLimit = newValue }
    }

    /// Upper specification limit, in ``unit``.
    public var upperSpecLimit: Double? {
        get { storage?.fields.upperSpecLimit }
        set { fields.upperSpecLimit = newValue }
    }

    /// How to read between samples; the default depends on the value kind (see ``Series``).
    public var interpolation: Interpolation? {
        get { storage?.fields.interpolation }
        set { fields.interpolation = newValue }
    }

    public static func == (lhs: SeriesMetadata, rhs: SeriesMetadata) -> Bool {
        lhs.storage === rhs.storage || lhs.fields == rhs.fields
    }
}
