/// The chunks of one series that overlap a time range, taken under the engine lock and read after it.
struct SeriesSnapshot: Sendable {
    let series: Series
    /// Sorted by minimum time, then sequence.
    let chunks: [ChunkReference]
    /// Range deletes of the series that overlap the snapshot's range.
    let tombstones: [Tombstone]
    /// The texts of a string series, at index = code; empty for other kinds.
    let strings: [String]

    /// True when a range delete removes samples from the chunk at `index`.
    func isTrimmed(_ index: Int) -> Bool {
        tombstones.contains { $0.affects(chunks[index].statistics, chunkSequence: chunks[index].sequence) }
    }

    /// Indices of chunks that overlap no other chunk, hold no duplicate timestamps and lose no
    /// samples to a range delete: their statistics are exact for any range that contains them.
    func isolatedChunks() -> Set<Int> {
        var isolated = Set<Int>()
        var reachBefore = Int64.min // the largest maxTime of the chunks before index
        for index in chunks.indices {
            let chunk = chunks[index]
            let clearBefore = index == 0 || reachBefore < chunk.statistics.minTime
            let clearAfter = index == chunks.count - 1 || chunks[index + 1].statistics.minTime > chunk.statistics.maxTime
            if clearBefore && clearAfter && !chunk.statistics.hasDuplicateTimestamps && !isTrimmed(index) { isolated.insert(index) }
            reachBefore = max(reachBefore, chunk.statistics.maxTime)
        }
        return isolated
    }

    /// The value of stored `bits` (a string code becomes its text).
    func value(_ bits: UInt64) -> SampleValue {
        SampleValue(bits: bits, kind: series.kind) { code in
            code < UInt64(strings.count) ? strings[Int(code)] : ""
        }
    }

    /// The samples of the chunks at `indices` within `[from, to)`, in time order; on equal
    /// timestamps the later write wins (higher chunk sequence, then later position in the chunk).
    func samples(of indices: [Int], from: Int64, to: Int64) throws(HistorianError) -> [Sample] {
        try rawSamples(of: indices, from: from, to: to).map { raw in
            Sample(timestamp: raw.timestamp, value: value(raw.bits), quality: Quality(rawValue: raw.quality) ?? .bad)
        }
    }

    /// All samples within `[from, to)` as columns: the chunks' decoded columns copied range by range
    /// when the chunks are disjoint (the usual case), else through ``rawSamples(of:from:to:)``.
    func columns(from: Int64, to: Int64) throws(HistorianError) -> SampleColumns {
        let indices = overlapping(from: from, to: to)
        guard areDisjoint(indices) else {
            return SampleColumns(kind: series.kind, raw: try rawSamples(of: indices, from: from, to: to), strings: strings)
        }
        var decoded: [DecodedChunk] = []
        decoded.reserveCapacity(indices.count)
        for index in indices { decoded.append(try chunks[index].decode(kind: series.kind)) }
        let total = decoded.reduce(0) { $0 + $1.timestamps.count }
        var timestamps: [Int64] = []
        var bits: [UInt64] = []
        var qualities: [UInt8] = []
        timestamps.reserveCapacity(total)
        bits.reserveCapacity(total)
        qualities.reserveCapacity(total)
        for chunk in decoded {
            let lower = lowerBound(chunk.timestamps, from)
            let upper = max(lower, lowerBound(chunk.timestamps, to))
            timestamps += chunk.timestamps[lower..<upper]
            bits += chunk.bits[lower..<upper]
            qualities += chunk.qualities[lower..<upper]
        }
        return SampleColumns(kind: series.kind, timestamps: timestamps, bits: bits, qualities: qualities, strings: strings)
    }

    /// Like ``samples(of:from:to:)``, with the stored bits (compaction re-encodes them as they are).
    func rawSamples(of indices: [Int], from: Int64, to: Int64) throws(HistorianError) -> [RawSample] {
        var decoded: [(chunk: DecodedChunk, sequence: UInt64)] = []
        decoded.reserveCapacity(indices.count)
        for index in indices {
            decoded.append((try chunks[index].decode(kind: series.kind), chunks[index].sequence))
        }
        let id = series.id
        func sample(_ chunk: DecodedChunk, _ position: Int) -> RawSample {
            RawSample(series: id, timestamp: chunk.timestamps[position], bits: chunk.bits[position], quality: chunk.qualities[position])
        }
        var disjoint =
            !decoded.contains { $0.chunk.timestamps.count > 1 && hasDuplicates($0.chunk.timestamps) }
            && !indices.contains(where: isTrimmed)
        for pair in zip(indices, indices.dropFirst()) where chunks[pair.0].overlaps(chunks[pair.1]) {
            disjoint = false
        }
        if disjoint {
            var result: [RawSample] = []
            result.reserveCapacity(decoded.reduce(0) { $0 + $1.chunk.timestamps.count })
            for (chunk, _) in decoded {
                let lower = lowerBound(chunk.timestamps, from)
                let upper = lowerBound(chunk.timestamps, to)
                for position in lower..<max(lower, upper) { result.append(sample(chunk, position)) }
            }
            return result
        }
        var keyed: [(timestamp: Int64, sequence: UInt64, position: Int, chunk: Int)] = []
        for (chunkIndex, entry) in decoded.enumerated() {
            let lower = lowerBound(entry.chunk.timestamps, from)
            let upper = lowerBound(entry.chunk.timestamps, to)
            for position in lower..<max(lower, upper) {
                let timestamp = entry.chunk.timestamps[position]
                if tombstones.contains(where: { $0.removes(timestamp, chunkSequence: entry.sequence) }) { continue }
                keyed.append((timestamp, entry.sequence, position, chunkIndex))
            }
        }
        keyed.sort { ($0.timestamp, $0.sequence, $0.position) < ($1.timestamp, $1.sequence, $1.position) }
        var result: [RawSample] = []
        result.reserveCapacity(keyed.count)
        for (offset, key) in keyed.enumerated() where offset == keyed.count - 1 || keyed[offset + 1].timestamp != key.timestamp {
            result.append(sample(decoded[key.chunk].chunk, key.position))
        }
        return result
    }

    /// True when the chunks at `indices` can be read one by one: they overlap neither each other
    /// nor themselves (duplicate timestamps), and no range delete removes samples from them.
    func areDisjoint(_ indices: [Int]) -> Bool {
        guard !indices.contains(where: { chunks[$0].statistics.hasDuplicateTimestamps || isTrimmed($0) }) else { return false }
        return !zip(indices, indices.dropFirst()).contains { chunks[$0.0].overlaps(chunks[$0.1]) }
    }

    /// Calls `body` with the timestamps and values (as Doubles) of the chunk at `index` within
    /// `[from, to)`, sorted; the chunk must be disjoint (see ``areDisjoint(_:)``).
    func withNumericColumns(
        of index: Int, from: Int64, to: Int64,
        _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> Void
    ) throws(HistorianError) {
        let (timestamps, values) = try chunks[index].decodeNumeric(kind: series.kind)
        let lower = lowerBound(timestamps, from)
        let upper = max(lower, lowerBound(timestamps, to))
        timestamps.withUnsafeBufferPointer { times in
            values.withUnsafeBufferPointer { values in
                body(UnsafeBufferPointer(rebasing: times[lower..<upper]), UnsafeBufferPointer(rebasing: values[lower..<upper]))
            }
        }
    }

    /// Calls `body` once with the merged samples of the chunks at `indices` within `[from, to)`
    /// (see ``samples(of:from:to:)``), as sorted timestamps and values.
    func forEachMergedRun(
        of indices: [Int], from: Int64, to: Int64,
        _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>) -> Void
    ) throws(HistorianError) {
        let merged = try samples(of: indices, from: from, to: to)
        let timestamps = merged.map(\.timestamp)
        let values = merged.map(\.value.doubleValue)
        timestamps.withUnsafeBufferPointer { times in values.withUnsafeBufferPointer { body(times, $0) } }
    }

    /// All samples within `[from, to)`.
    func samples(from: Int64, to: Int64) throws(HistorianError) -> [Sample] {
        try samples(of: overlapping(from: from, to: to), from: from, to: to)
    }

    /// All samples within `[from, to)` with their stored bits.
    func rawSamples(from: Int64, to: Int64) throws(HistorianError) -> [RawSample] {
        try rawSamples(of: overlapping(from: from, to: to), from: from, to: to)
    }

    private func overlapping(from: Int64, to: Int64) -> [Int] {
        chunks.indices.filter { chunks[$0].statistics.minTime < to && chunks[$0].statistics.maxTime >= from }
    }

    private func hasDuplicates(_ timestamps: [Int64]) -> Bool {
        zip(timestamps, timestamps.dropFirst()).contains { $0 == $1 }
    }
}

/// The first index whose timestamp is not below `value` (timestamps are non-decreasing).
func lowerBound(_ timestamps: [Int64], _ value: Int64) -> Int {
    var low = 0
    var high = timestamps.count
    while low < high {
        let middle = (low + high) / 2
        if timestamps[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
}
