import Historian

/// Deletes the samples of the series a ``SeriesSelection`` chooses in a time range, through the
/// engine's range deletes: the series stay registered (their ids are never reused) and samples
/// written later in the range are kept. Used by InfluxQL's `DROP SERIES` and `DELETE`.
public struct SeriesDeletion: Sendable {
    /// The engine written to.
    public let historian: Historian

    public init(historian: Historian) {
        self.historian = historian
    }

    /// Deletes the samples of `series` in `[from, to)`; returns how many series the range was
    /// deleted from (every one given: a range without samples deletes nothing and is no error).
    /// - Throws: ``HistorianError`` for an unknown series or an I/O failure; the series before it
    ///   are deleted, the ones after it are not.
    @discardableResult
    public func delete(_ series: [Series], from: Int64, to: Int64) throws(HistorianError) -> Int {
        guard from < to else { return 0 }
        for item in series { try historian.delete(series: item.id, from: from, to: to) }
        return series.count
    }
}
