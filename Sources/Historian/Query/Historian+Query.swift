extension Historian {
    /// Makes every read throw ``QueryError/cancelled`` from the next series it starts on, so that
    /// queries in flight end within a series' work; for shutdown, when a query should not keep the
    /// process alive. Writes, flushes and maintenance are not affected; there is no way back.
    public func cancelReads() {
        readsCancelled.store(true, ordering: .relaxed)
    }

    private func checkReadsGoOn() throws(HistorianError) {
        guard !readsCancelled.load(ordering: .relaxed) else { throw .query(.cancelled) }
    }

    /// Most rows a rollup or interpolation returns.
    public static let maximumBuckets = 10_000_000

    /// The chunks of series `id` overlapping `[from, to)`, from partitions and head, taken under
    /// the series' shard lock and then the engine lock (the order ``Historian`` documents).
    func snapshot(_ id: SeriesID, from: Int64, to: Int64) throws(HistorianError) -> SeriesSnapshot {
        try checkReadsGoOn()
        return try shards[Self.shardIndex(of: id)].head.withLock { (head) throws(HistorianError) -> SeriesSnapshot in
            try state.withLock { (state) throws(HistorianError) -> SeriesSnapshot in
                guard let series = state.catalog.series(id) else { throw .query(.unknownSeries(id)) }
                var chunks: [ChunkReference] = []
                for file in state.partitions where file.windowStart < to && file.windowEnd > from {
                    for entry in file.entries(of: id) where entry.statistics.minTime < to && entry.statistics.maxTime >= from {
                        chunks.append(ChunkReference(source: .file(file, entry), statistics: entry.statistics, sequence: entry.sequence))
                    }
                }
                for chunk in state.flushing[id] ?? [] {
                    if let reference = chunk.reference(from: from, to: to) { chunks.append(reference) }
                }
                for chunk in head.sealedChunks(of: id, from: from, to: to) {
                    chunks.append(ChunkReference(source: .memory(chunk), statistics: chunk.statistics, sequence: chunk.sequence))
                }
                if let open = head.openChunk(of: id), open.count > 0 {
                    // Computed from the reorder buffer on each call: take it once.
                    let statistics = open.statistics
                    if statistics.minTime < to && statistics.maxTime >= from {
                        chunks.append(ChunkReference(source: .open(open), statistics: statistics, sequence: open.sequence))
                    }
                }
                chunks.sort { ($0.statistics.minTime, $0.sequence) < ($1.statistics.minTime, $1.sequence) }
                let tombstones = state.tombstones(of: id).filter { $0.from < to && $0.to > from }
                return SeriesSnapshot(series: series, chunks: chunks, tombstones: tombstones, strings: state.catalog.stringTexts[id] ?? [])
            }
        }
    }

    private static func checkRange(_ from: Int64, _ to: Int64) throws(HistorianError) {
        guard from < to else { throw .query(.emptyRange(from: from, to: to)) }
    }

    /// The number of buckets of `width` that cover `[from, to)` (the last may be partial).
    private static func bucketCount(from: Int64, to: Int64, width: Int64) throws(HistorianError) -> Int {
        guard width > 0 else { throw .query(.invalidWidth(width)) }
        let span = UInt64(bitPattern: to &- from)
        let count = span / UInt64(width) + (span % UInt64(width) == 0 ? 0 : 1)
        guard count <= UInt64(maximumBuckets) else { throw .query(.tooManyBuckets(limit: maximumBuckets)) }
        return Int(count)
    }

    private static func bucketIndex(_ timestamp: Int64, from: Int64, width: Int64) -> Int {
        Int(UInt64(bitPattern: timestamp &- from) / UInt64(width))
    }

    /// `[start, end)` of bucket `index`. Wrapping arithmetic is exact here: every bucket start lies
    /// in `[from, to)`, although `index · width` alone may exceed Int64 when the range does.
    static func bucketBounds(_ index: Int, from: Int64, to: Int64, width: Int64) -> (start: Int64, end: Int64) {
        let start = from &+ Int64(index) &* width
        let end = UInt64(bitPattern: to &- start) > UInt64(width) ? start &+ width : to
        return (start, end)
    }

    /// `later - earlier` as a Double, for `later >= earlier`, without overflow.
    static func span(_ earlier: Int64, _ later: Int64) -> Double {
        Double(UInt64(bitPattern: later &- earlier))
    }

    /// The raw samples of series `id` in `[from, to)` (nanoseconds), in time order, merged from
    /// partitions and head; of samples with equal timestamps only the last written is returned.
    /// - Throws: ``HistorianError/query(_:)`` for an empty range or unknown series; corruption of a chunk it reads.
    public func samples(series id: SeriesID, from: Int64, to: Int64) throws(HistorianError) -> [Sample] {
        try Self.checkRange(from, to)
        return try snapshot(id, from: from, to: to).samples(from: from, to: to)
    }

    /// The samples of series `id` in `[from, to)` as columns, as ``samples(series:from:to:)``
    /// returns them (time order, the last written of equal timestamps), for formatting many rows.
    /// - Throws: ``HistorianError/query(_:)`` for an empty range or unknown series; corruption of a chunk it reads.
    public func sampleColumns(series id: SeriesID, from: Int64, to: Int64) throws(HistorianError) -> SampleColumns {
        try Self.checkRange(from, to)
        return try snapshot(id, from: from, to: to).columns(from: from, to: to)
    }

    /// The last sample of series `id` strictly before `time`, or nil.
    public func lastSample(series id: SeriesID, before time: Int64) throws(HistorianError) -> Sample? {
        let snapshot = try snapshot(id, from: .min, to: time)
        // A chunk starting at `start` has a sample in [start, time), unless a range delete removed it:
        // try the latest start first, then earlier ones.
        for start in Set(snapshot.chunks.map(\.statistics.minTime)).sorted(by: >) {
            if let sample = try snapshot.samples(from: start, to: time).last { return sample }
        }
        return nil
    }

    /// The first sample of series `id` at or after `time`, or nil.
    public func firstSample(series id: SeriesID, atOrAfter time: Int64) throws(HistorianError) -> Sample? {
        let snapshot = try snapshot(id, from: time, to: .max)
        for end in Set(snapshot.chunks.map(\.statistics.maxTime)).sorted() {
            if let sample = try snapshot.samples(from: time, to: end == .max ? .max : end + 1).first { return sample }
        }
        return nil
    }

    /// The latest sample of series `id`, or nil when it has none.
    public func latest(series id: SeriesID) throws(HistorianError) -> Sample? {
        if let sample = try latestFromOpenChunk(id) { return sample }
        return try lastSample(series: id, before: .max)
    }

    /// The latest sample straight from the open chunk, when it is certainly the answer: the open
    /// chunk is the series' newest write (highest sequence), so its last sample wins unless another
    /// chunk reaches further in time or a later range delete covers it. Nil means "decode instead".
    private func latestFromOpenChunk(_ id: SeriesID) throws(HistorianError) -> Sample? {
        try checkReadsGoOn()
        return try shards[Self.shardIndex(of: id)].head.withLock { (head) throws(HistorianError) -> Sample? in
            try state.withLock { (state) throws(HistorianError) -> Sample? in
                guard let series = state.catalog.series(id) else { throw .query(.unknownSeries(id)) }
                guard let chunk = head.openChunk(of: id), chunk.count > 0 else { return nil }
                let time = chunk.statistics.maxTime
                if let sealed = head.sealedMaxTime(of: id), sealed > time { return nil }
                if state.flushing[id]?.contains(where: { ($0.maxTime ?? .min) > time }) == true { return nil }
                for file in state.partitions {
                    if file.entries(of: id).contains(where: { $0.statistics.maxTime > time }) { return nil }
                }
                if state.tombstones(of: id).contains(where: { $0.removes(time, chunkSequence: chunk.sequence) }) { return nil }
                let texts = state.catalog.stringTexts[id] ?? []
                let value = SampleValue(bits: chunk.lastBits, kind: series.kind) { code in
                    code < UInt64(texts.count) ? texts[Int(code)] : ""
                }
                return Sample(timestamp: time, value: value, quality: Quality(rawValue: chunk.lastQuality) ?? .bad)
            }
        }
    }

    /// Rolls the samples of series `id` in `[from, to)` up into buckets `[from + k·every, from + (k+1)·every)`.
    ///
    /// A chunk that lies inside one bucket and overlaps no other chunk is answered from its
    /// statistics without decoding (unless `useChunkStatistics` is false, for comparison).
    /// When `timeWeighted` is true the buckets also carry the time-weighted average and integral:
    /// each sample holds until the next one (step series) or joins it by a straight line (linear
    /// series); the last sample before `from` covers the start of the first bucket, and the last
    /// sample holds until `to`. Time before the first known sample is not counted.
    ///
    /// When `from` and `every` are whole multiples of a summary grain (1 s, 1 min or 1 h), decoded
    /// samples are summarized per epoch-aligned cell of the largest such grain and the cells merged
    /// into their buckets; the cells of sealed partition chunks are kept in a cache
    /// (``HistorianOptions/summaryCacheBytes``), so a repeated rollup decodes nothing. The result is
    /// the same, bit for bit, whether the cells come from the cache or not.
    ///
    /// `qualities`, when given, keeps only samples of those qualities (for example `[.good]`);
    /// chunk statistics then serve only chunks whose samples are all good. For time-weighted
    /// aggregates the neighbour before `from` (and after `to`) counts only if its quality is kept.
    /// - Throws: ``HistorianError/query(_:)`` for an empty range, a width of zero or less, too many buckets.
    public func rollup(
        series id: SeriesID, from: Int64, to: Int64, every: Int64, timeWeighted: Bool = false,
        qualities: Set<Quality>? = nil, useChunkStatistics: Bool = true
    ) throws(HistorianError) -> Rollup {
        try rollup(
            series: id, from: from, to: to, every: every, timeWeighted: timeWeighted, qualities: qualities,
            useChunkStatistics: useChunkStatistics, useSummaryCache: true)
    }

    /// ``rollup(series:from:to:every:timeWeighted:qualities:useChunkStatistics:)``, with the summary
    /// cache optional (tests compare both ways).
    func rollup(
        series id: SeriesID, from: Int64, to: Int64, every: Int64, timeWeighted: Bool,
        qualities: Set<Quality>?, useChunkStatistics: Bool, useSummaryCache: Bool
    ) throws(HistorianError) -> Rollup {
        try Self.checkRange(from, to)
        let count = try Self.bucketCount(from: from, to: to, width: every)
        let snapshot = try snapshot(id, from: from, to: to)
        var accumulators = [BucketAccumulator](repeating: BucketAccumulator(), count: count)
        let isolated = useChunkStatistics ? snapshot.isolatedChunks() : []
        var toDecode: [Int] = []
        var fromStatistics = 0
        for (index, chunk) in snapshot.chunks.enumerated() {
            let statistics = chunk.statistics
            let statisticsApply = qualities.map { $0.contains(.good) && !statistics.hasNonGoodQuality } ?? true
            if statisticsApply, isolated.contains(index), statistics.minTime >= from, statistics.maxTime < to,
                Self.bucketIndex(statistics.minTime, from: from, width: every) == Self.bucketIndex(statistics.maxTime, from: from, width: every)
            {
                accumulators[Self.bucketIndex(statistics.minTime, from: from, width: every)].merge(statistics)
                fromStatistics += 1
            } else {
                toDecode.append(index)
            }
        }
        // Decoded runs are summarized piece by piece: a piece is the part of a run in one cell of the
        // grain (or, without a grain, in one bucket); every piece lies in one bucket.
        let grain = RollupGrain.choose(from: from, every: every, grains: options.summaryGrains)
        let pieceWidth = grain ?? every
        var locator = BucketLocator(from: from, width: every)
        func merge(_ piece: ChunkStatistics) {
            accumulators[locator.index(of: piece.minTime)].merge(piece)
        }
        func summarize(_ timestamps: UnsafeBufferPointer<Int64>, _ values: UnsafeBufferPointer<Double>) {
            RollupGrain.forEachPiece(timestamps, values, origin: from, end: to, width: pieceWidth, merge)
        }
        var decoded = 0
        var fromCache = 0
        if let qualities {
            let kept = try snapshot.samples(of: toDecode, from: from, to: to).filter { qualities.contains($0.quality) }
            let timestamps = kept.map(\.timestamp)
            let values = kept.map(\.value.doubleValue)
            timestamps.withUnsafeBufferPointer { times in values.withUnsafeBufferPointer { summarize(times, $0) } }
            decoded = toDecode.count
        } else if snapshot.areDisjoint(toDecode) {
            for index in toDecode {
                if let grain, useSummaryCache, summaryCache.limit > 0, let found = try cachedCells(of: snapshot, at: index, grain: grain, to: to) {
                    for cell in found.cells where cell.maxTime >= from {
                        guard cell.minTime < to else { break }
                        merge(cell)
                    }
                    if found.fromCache { fromCache += 1 } else { decoded += 1 }
                } else {
                    try snapshot.withNumericColumns(of: index, from: from, to: to, summarize)
                    decoded += 1
                }
            }
        } else {
            try snapshot.forEachMergedRun(of: toDecode, from: from, to: to, summarize)
            decoded = toDecode.count
        }
        // Built in place: a bucket is about 170 bytes, and mapping grew and copied the array.
        var buckets = [RollupBucket](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let bounds = Self.bucketBounds(index, from: from, to: to, width: every)
                buffer.initializeElement(at: index, to: accumulators[index].bucket(start: bounds.start, end: bounds.end))
            }
            initialized = count
        }
        if snapshot.series.kind == .string {
            // Only the count of a string series is a number.
            buckets = buckets.map { RollupBucket(start: $0.start, end: $0.end, count: $0.count) }
            return Rollup(buckets: buckets, chunksFromStatistics: fromStatistics, chunksFromSummaryCache: fromCache, chunksDecoded: decoded)
        }
        if timeWeighted {
            var ordered: [Sample] = []
            if let previous = try lastSample(series: id, before: from) { ordered.append(previous) }
            ordered.append(contentsOf: try snapshot.samples(from: from, to: to))
            let next = snapshot.series.interpolation == .linear ? try firstSample(series: id, atOrAfter: to) : nil
            if let next { ordered.append(next) }
            if let qualities { ordered.removeAll { !qualities.contains($0.quality) } }
            TimeWeighting.fill(&buckets, samples: ordered, from: from, to: to, every: every, interpolation: snapshot.series.interpolation)
            return Rollup(buckets: buckets, chunksFromStatistics: 0, chunksFromSummaryCache: 0, chunksDecoded: snapshot.chunks.count)
        }
        return Rollup(buckets: buckets, chunksFromStatistics: fromStatistics, chunksFromSummaryCache: fromCache, chunksDecoded: decoded)
    }

    /// The grain cells of the partition chunk at `index` of `snapshot`, from the summary cache or
    /// decoded now (and then cached); nil when the chunk is not in a partition file, or when a
    /// cell would straddle `to` (`to` is not a multiple of `grain` and the chunk reaches it): such
    /// a chunk is summarized from its clipped run instead.
    private func cachedCells(
        of snapshot: SeriesSnapshot, at index: Int, grain: Int64, to: Int64
    ) throws(HistorianError) -> (cells: [ChunkStatistics], fromCache: Bool)? {
        let chunk = snapshot.chunks[index]
        guard case .file(let file, let entry) = chunk.source, chunk.statistics.maxTime < to || to % grain == 0 else { return nil }
        let key = SummaryCache.Key(file: file.identity, offset: entry.offset, grain: grain)
        if let cells = summaryCache.cells(for: key) { return (cells, true) }
        let (timestamps, values) = try chunk.decodeNumeric(kind: snapshot.series.kind)
        let cells = timestamps.withUnsafeBufferPointer { times in
            values.withUnsafeBufferPointer { RollupGrain.cells(times, $0, grain: grain) }
        }
        if cells.count * options.summaryMinimumSamplesPerCell <= timestamps.count { summaryCache.insert(cells, for: key) }
        return (cells, false)
    }

    /// Values of series `id` at `from`, `from + step`, ... before `to`: the last value at or before
    /// each time for step series; for linear series the straight line between the samples around it
    /// (nil when either is missing, unless a sample lies exactly there).
    public func interpolate(series id: SeriesID, from: Int64, to: Int64, step: Int64) throws(HistorianError) -> [InterpolatedValue] {
        try Self.checkRange(from, to)
        let count = try Self.bucketCount(from: from, to: to, width: step)
        let snapshot = try snapshot(id, from: from, to: to)
        guard snapshot.series.kind != .string else { throw .query(.notNumeric(series: snapshot.series.key.description)) }
        var ordered: [Sample] = []
        if let previous = try lastSample(series: id, before: from) { ordered.append(previous) }
        ordered.append(contentsOf: try snapshot.samples(from: from, to: to))
        if let next = try firstSample(series: id, atOrAfter: to) { ordered.append(next) }
        var result: [InterpolatedValue] = []
        result.reserveCapacity(count)
        var cursor = 0 // first sample later than the current time
        for index in 0..<count {
            let time = Self.bucketBounds(index, from: from, to: to, width: step).start
            while cursor < ordered.count && ordered[cursor].timestamp <= time { cursor += 1 }
            let previous = cursor > 0 ? ordered[cursor - 1] : nil
            let value: Double?
            switch snapshot.series.interpolation {
            case .step:
                value = previous?.value.doubleValue
            case .linear:
                if let previous, previous.timestamp == time {
                    value = previous.value.doubleValue
                } else if let previous, cursor < ordered.count {
                    let next = ordered[cursor]
                    let fraction = Self.span(previous.timestamp, time) / Self.span(previous.timestamp, next.timestamp)
                    value = previous.value.doubleValue + (next.value.doubleValue - previous.value.doubleValue) * fraction
                } else {
                    value = nil
                }
            }
            result.append(InterpolatedValue(timestamp: time, value: value))
        }
        return result
    }

    /// Downsamples series `id` over `[from, to)` for a plot `buckets` pixels wide with the M4 method:
    /// per bucket the first, last, minimum and maximum samples. Empty buckets are left out.
    public func plot(series id: SeriesID, from: Int64, to: Int64, buckets: Int) throws(HistorianError) -> [PlotBucket] {
        try Self.checkRange(from, to)
        guard buckets > 0 else { throw .query(.invalidBucketCount(buckets)) }
        let span = UInt64(bitPattern: to &- from)
        let width = Int64(bitPattern: span / UInt64(buckets) + (span % UInt64(buckets) == 0 ? 0 : 1))
        var result: [PlotBucket] = []
        let snapshot = try snapshot(id, from: from, to: to)
        guard snapshot.series.kind != .string else { throw .query(.notNumeric(series: snapshot.series.key.description)) }
        for sample in try snapshot.samples(from: from, to: to) {
            let (start, end) = Self.bucketBounds(Self.bucketIndex(sample.timestamp, from: from, width: width), from: from, to: to, width: width)
            if let lastBucket = result.last, lastBucket.start == start {
                var bucket = lastBucket
                bucket.last = sample
                if sample.value.doubleValue < bucket.minimum.value.doubleValue { bucket.minimum = sample }
                if sample.value.doubleValue > bucket.maximum.value.doubleValue { bucket.maximum = sample }
                result[result.count - 1] = bucket
            } else {
                result.append(PlotBucket(start: start, end: end, first: sample, last: sample, minimum: sample, maximum: sample))
            }
        }
        return result
    }
}

extension Historian {
    /// About how many samples series `id` has in `[from, to)`, from chunk statistics alone: exact for
    /// chunks inside the range, in proportion to the overlapped time for chunks that straddle a bound.
    /// Lets a server refuse an oversized query before decoding anything.
    /// - Throws: ``HistorianError/query(_:)`` for an unknown series.
    public func estimatedSampleCount(series id: SeriesID, from: Int64, to: Int64) throws(HistorianError) -> Int {
        guard from < to else { return 0 }
        var total = 0.0
        for chunk in try snapshot(id, from: from, to: to).chunks {
            let statistics = chunk.statistics
            if statistics.minTime >= from && statistics.maxTime < to {
                total += Double(statistics.count)
            } else {
                let span = Self.span(statistics.minTime, statistics.maxTime)
                let overlap = Self.span(max(from, statistics.minTime), min(to, statistics.maxTime))
                total += span > 0 ? Double(statistics.count) * overlap / span : Double(statistics.count)
            }
        }
        return Int(total.rounded(.up))
    }
}
