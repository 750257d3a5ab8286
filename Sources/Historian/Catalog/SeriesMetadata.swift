/// Descriptive data of a series that queries and analytics use; all optional.
public struct SeriesMetadata: Sendable, Equatable {
    /// Engineering unit, e.g. `degC`, `bar`.
    public var unit: String?
    /// Free text for people.
    public var description: String?
    /// The instrument's lowest and highest possible reading, in ``unit``.
    public var engineeringRange: ClosedRange<Double>?
    /// Lower specification limit, in ``unit``.
    public var lowerSpecLimit: Double?
    /// Upper specification limit, in ``unit``.
    public var upperSpecLimit: Double?
    /// How to read between samples; the default depends on the value kind (see ``Series``).
    public var interpolation: Interpolation?

    /// Creates metadata; every part is optional.
    public init(
        unit: String? = nil, description: String? = nil, engineeringRange: ClosedRange<Double>? = nil,
        lowerSpecLimit: Double? = nil, upperSpecLimit: Double? = nil, interpolation: Interpolation? = nil
    ) {
        self.unit = unit
        self.description = description
        self.engineeringRange = engineeringRange
        self.lowerSpecLimit = lowerSpecLimit
        self.upperSpecLimit = upperSpecLimit
        self.interpolation = interpolation
    }
}
