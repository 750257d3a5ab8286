import Historian
import Hummingbird

/// The series that the query parameters `measurement`, repeated `tag` (`key=value` or
/// `key=~regex`) and `field` choose, as `/api/v1/query` reads them.
struct SeriesSelection: Sendable {
    /// The measurement, or nil for every measurement.
    var measurement: String?
    var tags: [(key: String, condition: SeriesSelector.TagCondition)]
    var field: String?

    /// - Throws: a 400 ``APIError`` naming the malformed `tag`.
    init(_ parameters: Parameters) throws {
        measurement = parameters.get("measurement").flatMap { $0.isEmpty ? nil : $0 }
        tags = []
        for text in parameters.getAll("tag") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw APIError.badRequest("tag '\(text)' is not key=value or key=~regex")
            }
            let key = String(text[..<equals])
            let rest = text[text.index(after: equals)...]
            tags.append(rest.hasPrefix("~") ? (key, .matches(String(rest.dropFirst()))) : (key, .equals(String(rest))))
        }
        field = parameters.get("field").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The matching series of `historian`, in id order; every measurement's when none was given.
    /// - Throws: a 400 ``APIError`` for a tag pattern that is not a regular expression.
    func series(in historian: Historian) throws -> [Series] {
        let measurements: [String]
        if let measurement {
            measurements = [measurement]
        } else {
            var seen = Set<String>()
            measurements = historian.allSeries.map(\.key.measurement).filter { seen.insert($0).inserted }
        }
        var matched: [Series] = []
        for measurement in measurements {
            do {
                matched += historian.series(matching: try SeriesSelector(measurement: measurement, tags: tags, field: field))
            } catch {
                throw APIError.badRequest("tag: \(error)")
            }
        }
        return matched.sorted { $0.id < $1.id }
    }
}
