/// A failure of the series catalog (the SQLite file `catalog.sqlite` in the data directory).
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite reported an error; `operation` says what the catalog was doing.
    case sqlite(path: String, operation: String, code: Int32, message: String)
    /// A series was written with another value kind than it was registered with.
    case kindConflict(series: String, registered: ValueKind, written: ValueKind)
    /// A row of the catalog does not decode.
    case corruptRow(path: String, seriesID: Int64, reason: String)
    /// The catalog was written by an unknown format version.
    case unsupportedVersion(path: String, version: Int)
    /// A new series' field has another type than the field already has in its measurement
    /// (InfluxDB types a field per measurement).
    case fieldTypeConflict(measurement: String, field: String, existing: ValueKind, written: ValueKind)
    /// Registering a new series would exceed ``HistorianOptions/maximumSeries``.
    case seriesLimit(limit: Int)
    /// Registering a new series would exceed ``HistorianOptions/maximumSeriesPerMeasurement``.
    case measurementSeriesLimit(measurement: String, limit: Int)

    /// Whether this is a ``fieldTypeConflict(measurement:field:existing:written:)``.
    public var isFieldTypeConflict: Bool {
        if case .fieldTypeConflict = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .sqlite(let path, let operation, let code, let message):
            "catalog \(path): \(operation) failed: SQLite error \(code): \(message)"
        case .kindConflict(let series, let registered, let written):
            "series \(series) holds \(registered) values; a value of kind \(written) was written"
        case .fieldTypeConflict(let measurement, let field, let existing, let written):
            "field type conflict: input field \"\(field)\" on measurement \"\(measurement)\" is type \(written), already exists as type \(existing)"
        case .corruptRow(let path, let seriesID, let reason):
            "catalog \(path): series \(seriesID) is corrupt: \(reason)"
        case .unsupportedVersion(let path, let version):
            "catalog \(path): unsupported format version \(version)"
        case .seriesLimit(let limit):
            "max-series-per-database limit exceeded: (\(limit)); new series are refused (limits.max_series)"
        case .measurementSeriesLimit(let measurement, let limit):
            "max-series-per-measurement limit exceeded for measurement \(measurement): (\(limit)); new series are refused (limits.max_series_per_measurement)"
        }
    }
}
