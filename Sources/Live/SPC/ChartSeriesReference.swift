import Historian
import Query

/// The series a chart definition watches: by id, or by measurement, tags and field (a selector that
/// must match exactly one series).
public enum ChartSeriesReference: Sendable, Equatable, Codable {
    case id(SeriesID)
    case selector(measurement: String, tags: [String: String], field: String)

    /// The one series referred to.
    /// - Throws: ``LiveError/invalid(key:message:)`` (key `series`) when no series or several match.
    func resolve(in historian: Historian) throws(LiveError) -> Series {
        switch self {
        case .id(let id):
            guard let series = historian.series(id) else { throw .invalid(key: "series", message: "series: no series with id \(id)") }
            return series
        case .selector(let measurement, let tags, let field):
            let predicate: SeriesPredicate? = tags.isEmpty ? nil : .all(tags.sorted { $0.key < $1.key }.map { .tag($0.key, .equals($0.value)) })
            let matches = SeriesSelection(measurement: measurement, predicate: predicate, fields: [field]).series(in: historian)
            guard let first = matches.first else {
                throw .invalid(key: "series", message: "series: no series matches measurement '\(measurement)', these tags and field '\(field)'")
            }
            guard matches.count == 1 else {
                let keys = matches.prefix(3).map(\.key.description).joined(separator: "; ")
                throw .invalid(
                    key: "series",
                    message:
                        "series: the selector matches \(matches.count) series (\(keys)\(matches.count > 3 ? "; ..." : "")); add tags or give the series id"
                )
            }
            return first
        }
    }

    /// The JSON form: the id, or `{"measurement", "tags", "field"}`.
    var json: JSONValue {
        switch self {
        case .id(let id): .integer(Int64(id))
        case .selector(let measurement, let tags, let field):
            .object(["measurement": .string(measurement), "tags": .object(tags.mapValues { .string($0) }), "field": .string(field)])
        }
    }

    /// Reads the JSON form.
    /// - Throws: ``LiveError/invalid(key:message:)`` naming the key at fault.
    static func parse(_ value: JSONValue?) throws(LiveError) -> ChartSeriesReference {
        if case .integer(let id)? = value, id > 0 {
            return .id(SeriesID(id))
        }
        guard let object = value?.object else {
            throw .invalid(key: "series", message: "series is required: a series id or {\"measurement\", \"tags\", \"field\"}")
        }
        for key in object.keys where !["measurement", "tags", "field"].contains(key) {
            throw .invalid(key: "series.\(key)", message: "series.\(key) is not a key of a series selector (measurement, tags, field)")
        }
        guard let measurement = object["measurement"]?.string, !measurement.isEmpty else {
            throw .invalid(key: "series.measurement", message: "series.measurement is required (a string)")
        }
        guard let field = object["field"]?.string, !field.isEmpty else {
            throw .invalid(key: "series.field", message: "series.field is required (a string)")
        }
        var tags: [String: String] = [:]
        if let given = object["tags"] {
            guard let pairs = given.object else { throw .invalid(key: "series.tags", message: "series.tags must be an object of strings") }
            for (key, value) in pairs {
                guard let text = value.string else { throw .invalid(key: "series.tags.\(key)", message: "series.tags.\(key) must be a string") }
                tags[key] = text
            }
        }
        return .selector(measurement: measurement, tags: tags, field: field)
    }
}
