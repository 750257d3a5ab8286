import Historian

/// Removes the samples a selection and a time range choose, through the engine's range deletes:
/// the series stay registered (listed, with no samples there) and their ids are never reused.
/// `DELETE /api/v1/series` and `histd delete` run the counted form, InfluxQL's `DROP SERIES` and
/// `DELETE` (which answer no count) the uncounted one.
public enum SampleDeletion {
    /// Deletes the samples in `[from, to)` (nanoseconds) of every series `selection` chooses.
    ///
    /// Each series is counted, then deleted under the engine's write gate: a sample written
    /// between the two is removed too but not counted. Series with nothing in the range log no delete.
    /// - Returns: the number of samples removed, 0 when nothing matched.
    /// - Throws: ``HistorianError/query(_:)`` for an empty range; ``HistorianError`` for an I/O
    ///   failure (the series deleted before it stay deleted).
    public static func delete(_ selection: SeriesSelection, from: Int64, to: Int64, in historian: Historian) throws(HistorianError) -> Int {
        guard from < to else { throw .query(.emptyRange(from: from, to: to)) }
        var deleted = 0
        for series in selection.series(in: historian) {
            let count = try historian.sampleColumns(series: series.id, from: from, to: to).count
            guard count > 0 else { continue }
            try historian.delete(series: series.id, from: from, to: to)
            deleted += count
        }
        return deleted
    }

    /// Deletes the samples in `[from, to)` (nanoseconds) of every series of `series`, without counting
    /// them (a count decodes the range); an empty range deletes nothing.
    /// - Throws: ``HistorianError`` for an unknown series or an I/O failure; the series before it
    ///   are deleted, the ones after it are not.
    public static func delete(_ series: [Series], from: Int64, to: Int64, in historian: Historian) throws(HistorianError) {
        guard from < to else { return }
        for item in series { try historian.delete(series: item.id, from: from, to: to) }
    }
}
