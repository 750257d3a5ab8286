extension Historian {
    /// Rewrites every partition window that has several files, overlapping chunks or chunks with
    /// duplicate timestamps into one file per window: samples merged (the later write wins), range
    /// deletes applied, chunks of up to `chunkSampleLimit` samples. (Deletes alone do not trigger a
    /// rewrite: a delete newer than every chunk would match the rewritten chunks again.)
    ///
    /// The new chunks take the highest sequence of the chunks they merge, so range deletes and
    /// writes made later still apply to them. A crash after the new file is written and before
    /// the old ones are removed leaves both; reads give the same answer, and the next compaction
    /// removes the leftovers. Runs under the engine lock: queries and the checks of writes wait meanwhile.
    public func compact() throws(HistorianError) -> CompactionReport {
        try state.withLock { (state) throws(HistorianError) -> CompactionReport in
            var report = CompactionReport()
            let windows = Dictionary(grouping: state.partitions, by: \.windowStart)
            for (_, files) in windows.sorted(by: { $0.key < $1.key }) where needsCompaction(files) {
                let chunks = try rewrite(files, excluding: [], state: &state)
                report.windowsCompacted += 1
                report.filesRemoved += files.count
                report.chunksWritten += chunks
            }
            return report
        }
    }

    /// Replaces `files` (all of one window) by one file holding their merged samples, without the
    /// series in `excluded`; when nothing remains, the files are only removed. Returns the chunks written.
    private func rewrite(_ files: [PartitionFile], excluding excluded: Set<SeriesID>, state: inout EngineState) throws(HistorianError) -> Int {
        guard let windowStart = files.first?.windowStart else { return 0 }
        let windowEnd = files.map(\.windowEnd).max() ?? windowStart
        var chunks: [SealedChunk] = []
        var generation: UInt64 = 0
        for id in Set(files.flatMap(\.chunks.keys)).subtracting(excluded).sorted() {
            guard let series = state.catalog.series(id) else {
                throw .corrupt(path: files[0].path, offset: 0, reason: "chunks of series \(id), which the catalog does not know")
            }
            var references: [ChunkReference] = []
            for file in files {
                for entry in file.chunks[id] ?? [] {
                    references.append(ChunkReference(source: .file(file, entry), statistics: entry.statistics, sequence: entry.sequence))
                }
            }
            references.sort { ($0.statistics.minTime, $0.sequence) < ($1.statistics.minTime, $1.sequence) }
            let sequence = references.map(\.sequence).max() ?? 0
            generation = max(generation, sequence)
            let snapshot = SeriesSnapshot(series: series, chunks: references, tombstones: state.tombstones(of: id), strings: [])
            var open = OpenChunk(series: id, kind: series.kind, window: windowStart, windowEnd: windowEnd, sequence: sequence)
            for sample in try snapshot.rawSamples(from: windowStart, to: windowEnd) {
                if open.count >= options.effectiveChunkSampleLimit {
                    chunks.append(open.seal())
                    open = OpenChunk(series: id, kind: series.kind, window: windowStart, windowEnd: windowEnd, sequence: sequence)
                }
                open.append(timestamp: sample.timestamp, bits: sample.bits, quality: sample.quality)
            }
            if open.count > 0 { chunks.append(open.seal()) }
        }
        let oldPaths = Set(files.map(\.path))
        // The old files leave the engine's list even when the new file takes one of their names:
        // an old instance would keep serving the replaced contents through its open descriptor.
        state.partitions.removeAll { oldPaths.contains($0.path) }
        for file in files { summaryCache.removeEntries(ofFile: file.identity) }
        var newPath: String?
        if !chunks.isEmpty {
            let covered = files.map(\.coveredSegment).max() ?? 0
            let path = try PartitionFile.write(
                chunks, windowStart: windowStart, windowEnd: windowEnd, coveredSegment: covered,
                directory: partitionDirectory, generation: generation)
            state.partitions.append(try PartitionFile(path: path))
            newPath = path
        }
        for old in oldPaths where old != newPath { try FileIO.remove(old) }
        try FileIO.syncDirectory(partitionDirectory)
        return chunks.count
    }

    private func needsCompaction(_ files: [PartitionFile]) -> Bool {
        if files.count > 1 { return true }
        for file in files {
            for entries in file.chunks.values {
                for (index, entry) in entries.enumerated() {
                    if entry.statistics.hasDuplicateTimestamps { return true }
                    if index > 0 && entries[index - 1].statistics.maxTime >= entry.statistics.minTime { return true }
                }
            }
        }
        return false
    }

    /// Retention: removes the partition files whose whole window ends at or before `cutoff`
    /// (nanoseconds) and returns their paths. Samples of those windows still in the head or WAL
    /// are not affected; they go to a new partition at the next flush.
    public func dropPartitions(endingAtOrBefore cutoff: Int64) throws(HistorianError) -> [String] {
        try state.withLock { (state) throws(HistorianError) -> [String] in
            let expired = state.partitions.filter { $0.windowEnd <= cutoff }
            guard !expired.isEmpty else { return [] }
            state.partitions.removeAll { $0.windowEnd <= cutoff }
            for file in expired {
                summaryCache.removeEntries(ofFile: file.identity)
                try FileIO.remove(file.path)
            }
            try FileIO.syncDirectory(partitionDirectory)
            return expired.map(\.path)
        }
    }

    /// Per-measurement retention: removes the samples of `measurement` from the partition windows
    /// that end at or before `cutoff`, rewriting each such window without them (the other
    /// measurements' samples stay). Returns the number of windows rewritten.
    public func dropPartitions(endingAtOrBefore cutoff: Int64, measurement: String) throws(HistorianError) -> Int {
        try state.withLock { (state) throws(HistorianError) -> Int in
            let dropped = Set(state.catalog.all.filter { $0.key.measurement == measurement }.map(\.id))
            guard !dropped.isEmpty else { return 0 }
            let expired = state.partitions.filter { file in
                file.windowEnd <= cutoff && file.chunks.keys.contains(where: dropped.contains)
            }
            let windows = Dictionary(grouping: expired, by: \.windowStart)
            for (windowStart, _) in windows.sorted(by: { $0.key < $1.key }) {
                // Rewrite every file of the window, so that the merge sees all of its samples.
                let files = state.partitions.filter { $0.windowStart == windowStart }
                _ = try rewrite(files, excluding: dropped, state: &state)
            }
            return windows.count
        }
    }
}
