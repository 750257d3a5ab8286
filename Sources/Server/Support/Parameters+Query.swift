import Historian
import Hummingbird
import Query

extension Parameters {
    /// The series that `measurement` (none: every measurement), repeated `tag` (`key=value` or
    /// `key=~regex`) and `field` choose.
    /// - Throws: ``QueryArgumentError`` (answered 400) naming a malformed `tag`.
    func seriesSelection() throws(QueryArgumentError) -> SeriesSelection {
        SeriesSelection(
            measurement: get("measurement").flatMap { $0.isEmpty ? nil : $0 },
            predicate: try TagCondition.predicate(getAll("tag"), argument: "tag"),
            fields: get("field").flatMap { $0.isEmpty ? nil : [$0] })
    }

    /// `[from, to)` of the required `from` and the optional `to` (default now).
    /// - Throws: a 400 ``APIError`` without `from`; ``QueryArgumentError`` for a text that is not a
    ///   time or a range that is empty.
    func timeRange(now: Int64) throws -> (from: Int64, to: Int64) {
        guard let from = get("from") else { throw APIError.badRequest("from is required (RFC 3339, epoch or now-1h)") }
        return try TimeArgument.range(from: from, to: get("to"), now: now)
    }

    /// The qualities of `quality` (`good,uncertain`), nil when absent.
    /// - Throws: ``QueryArgumentError`` for a name that is not a quality.
    func qualities() throws(QueryArgumentError) -> Set<Quality>? {
        try get("quality").map { text throws(QueryArgumentError) in try QualityList.parse(text, argument: "quality") }
    }
}
