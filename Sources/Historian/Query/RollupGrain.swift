/// How rollups cut decoded runs into pieces, each summarized on its own and merged into its bucket.
///
/// A rollup whose `from` and `every` are multiples of a grain `g` has bucket boundaries on the
/// epoch-aligned cell boundaries `k·g`: its pieces are the cells `[k·g, (k+1)·g)` of the largest
/// such grain, so that the summary of a cell of a sealed chunk can be computed once, cached, and
/// merged again by any later rollup on that grain. Without a grain, a piece is the part of a run
/// in one bucket. Either way the statistics of a piece come from the same two-pass formula
/// (``ChunkStatistics/init(timestamps:values:)``) and merge in time order (Chan, Golub and LeVeque
/// 1979), so a cached cell gives exactly the Doubles a freshly decoded one does.
enum RollupGrain {
    /// One second, one minute, one hour (nanoseconds), finest first.
    static let defaultGrains: [Int64] = [1_000_000_000, 60_000_000_000, 3_600_000_000_000]

    /// Chunks with fewer samples per cell than this are not cached: their cells would cost more
    /// memory than the decoded samples (a cell is about 90 bytes, a decoded sample 16).
    static let minimumSamplesPerCachedCell = 8

    /// The largest of `grains` that divides both `from` and `every`, or nil.
    static func choose(from: Int64, every: Int64, grains: [Int64]) -> Int64? {
        grains.filter { $0 > 0 && every % $0 == 0 && from % $0 == 0 }.max()
    }

    /// Calls `body` with the statistics of each piece of a sorted run: the samples in one interval
    /// `[origin + k·width, origin + (k+1)·width)`, the last one cut at `end`. Every timestamp is in
    /// `[origin, end)`.
    static func forEachPiece(
        _ timestamps: UnsafeBufferPointer<Int64>, _ values: UnsafeBufferPointer<Double>,
        origin: Int64, end: Int64, width: Int64, _ body: (ChunkStatistics) -> Void
    ) {
        var start = 0
        var previousLength = 1
        var locator = BucketLocator(from: origin, width: width)
        while start < timestamps.count {
            let pieceIndex = locator.index(of: timestamps[start])
            let pieceEnd = Historian.bucketBounds(pieceIndex, from: origin, to: end, width: width).end
            let stop = firstIndex(in: timestamps, from: start, before: pieceEnd, guess: start + previousLength)
            body(
                ChunkStatistics(
                    timestamps: UnsafeBufferPointer(rebasing: timestamps[start..<stop]),
                    values: UnsafeBufferPointer(rebasing: values[start..<stop])))
            previousLength = stop - start
            start = stop
        }
    }

    /// The first index after `start` whose timestamp is not below `limit` (or the count), trying
    /// `guess` first: regular series have pieces of equal length, so the guess usually holds and
    /// costs two comparisons; otherwise a binary search.
    private static func firstIndex(in timestamps: UnsafeBufferPointer<Int64>, from start: Int, before limit: Int64, guess: Int) -> Int {
        if guess > start && guess <= timestamps.count && timestamps[guess - 1] < limit
            && (guess == timestamps.count || timestamps[guess] >= limit)
        {
            return guess
        }
        var low = start + 1
        var high = timestamps.count
        while low < high {
            let middle = low + (high - low) / 2
            if timestamps[middle] < limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The statistics of the epoch-aligned cells of `grain` of a whole sorted chunk, in time order.
    static func cells(_ timestamps: UnsafeBufferPointer<Int64>, _ values: UnsafeBufferPointer<Double>, grain: Int64) -> [ChunkStatistics] {
        guard let first = timestamps.first, let last = timestamps.last else { return [] }
        // The start of the cell of `first`, rounding down; wrapping arithmetic keeps the distances
        // from it exact even where the true start lies below Int64.min.
        let remainder = first % grain
        let origin = first &- (remainder < 0 ? remainder &+ grain : remainder)
        var cells: [ChunkStatistics] = []
        forEachPiece(timestamps, values, origin: origin, end: last &+ 1, width: grain) { cells.append($0) }
        return cells
    }
}
