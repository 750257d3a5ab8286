import Historian

/// Which series a query reads: a measurement, a condition on tags and a set of fields, resolved
/// through the catalog's indexes. Every front end (HTTP, InfluxQL, the command line) selects with it.
public struct SeriesSelection: Sendable {
    /// The measurement, matched exactly; nil for every measurement.
    public var measurement: String?
    /// The condition on tags; nil accepts every series.
    public var predicate: SeriesPredicate?
    /// The fields; nil for every field.
    public var fields: Set<String>?

    /// A selection of `measurement`'s series that satisfy `predicate` and have one of `fields`.
    public init(measurement: String?, predicate: SeriesPredicate? = nil, fields: Set<String>? = nil) {
        self.measurement = measurement
        self.predicate = predicate
        self.fields = fields
    }

    /// Whether the series with `key` is selected.
    public func accepts(_ key: SeriesKey) -> Bool {
        if let measurement, key.measurement != measurement { return false }
        if let fields, !fields.contains(key.field) { return false }
        return predicate?.accepts(key) ?? true
    }

    /// The selected series of `historian`, in id order. The catalog's indexes give the candidates
    /// (measurement and the equalities every match needs) under the engine lock; regular
    /// expressions and the rest of the condition run after it, so writes never wait for them.
    public func series(in historian: Historian) -> [Series] {
        let candidates = historian.series(measurement: measurement, tags: predicate?.requiredTags ?? [], fields: fields)
        guard let predicate else { return candidates }
        return candidates.filter { predicate.accepts($0.key) }
    }
}
