/// A query that cannot be answered as asked.
public enum QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `from` is not before `to`.
    case emptyRange(from: Int64, to: Int64)
    /// A bucket width or step of zero or less.
    case invalidWidth(Int64)
    /// No series has this id.
    case unknownSeries(SeriesID)
    /// The requested number of plot buckets is zero or less.
    case invalidBucketCount(Int)
    /// The query needs numbers and the series holds strings.
    case notNumeric(series: String)
    /// A rollup or interpolation would produce more than `limit` rows.
    case tooManyBuckets(limit: Int)
    /// Reads were cancelled with ``Historian/cancelReads()`` (the server is shutting down).
    case cancelled

    public var description: String {
        switch self {
        case .emptyRange(let from, let to): "empty time range: from \(from) is not before to \(to) (ns)"
        case .invalidWidth(let width): "bucket width or step must be positive, got \(width) ns"
        case .unknownSeries(let id): "no series with id \(id)"
        case .invalidBucketCount(let count): "plot bucket count must be positive, got \(count)"
        case .notNumeric(let series): "series \(series) holds strings: only raw samples, latest and rollup counts apply"
        case .tooManyBuckets(let limit): "the query would return more than \(limit) buckets: use a wider bucket or step"
        case .cancelled: "the query was cancelled because the server is shutting down; send it again once it is back"
        }
    }
}
