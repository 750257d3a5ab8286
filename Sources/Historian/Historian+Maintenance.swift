extension Historian {
    /// Rewrites every partition window that has several files, overlapping chunks or chunks with
    /// duplicate timestamps into one file per window: samples merged (the later write wins), range
    /// deletes applied, chunks of up to `chunkSampleLimit` samples. (Deletes alone do not trigger a
    /// rewrite: a delete newer than every chunk would match the rewritten chunks again.)
    ///
    /// The new chunks take the highest sequence of the chunks they merge, so range deletes and
    /// writes made later still apply to them. A crash after the new file is written and before
    /// the old ones are removed leaves both; reads give the same answer, and the next compaction
    /// removes the leftovers. Each window is merged and written with no engine lock held (writes,
    /// queries and flushes go on meanwhile); the engine lock is taken only to choose the windows
    /// and to swap the files in.
    public func compact() throws(HistorianError) -> CompactionReport {
        try maintenanceTurn.withLock { (_) throws(HistorianError) -> CompactionReport in
            var report = CompactionReport()
            let windows = state.withLock { state in
                Dictionary(grouping: state.partitions, by: \.windowStart).filter { needsCompaction($0.value) }.sorted { $0.key < $1.key }
            }
            for (_, files) in windows {
                report.chunksWritten += try rewrite(files, excluding: [])
                report.windowsCompacted += 1
                report.filesRemoved += files.count
            }
            return report
        }
    }

    /// What a window's rewrite reads, taken under the engine lock: the series of its chunks and
    /// their range deletes.
    private struct RewriteInput {
        var series: [Series]
        var tombstones: [SeriesID: [Tombstone]]
    }

    /// Replaces `files` (all of one window) by one file holding their merged samples, without the
    /// series in `excluded`; when nothing remains, the files are only removed. Returns the chunks
    /// written. Called with ``maintenanceTurn`` held: no other rewrite or retention touches the
    /// window meanwhile, while flushes may add files to it (those stay, with their later sequences).
    private func rewrite(_ files: [PartitionFile], excluding excluded: Set<SeriesID>) throws(HistorianError) -> Int {
        guard let windowStart = files.first?.windowStart else { return 0 }
        let windowEnd = files.map(\.windowEnd).max() ?? windowStart
        let ids = Set(files.flatMap(\.seriesIDs)).subtracting(excluded).sorted()
        let input = try state.withLock { (state) throws(HistorianError) -> RewriteInput in
            var input = RewriteInput(series: [], tombstones: [:])
            for id in ids {
                guard let series = state.catalog.series(id) else {
                    throw .corrupt(path: files[0].path, offset: 0, reason: "chunks of series \(id), which the catalog does not know")
                }
                input.series.append(series)
                input.tombstones[id] = state.tombstones(of: id)
            }
            return input
        }
        // The name carries the generation, so it is known before the first chunk is written.
        let kept = Set(ids)
        let generation = files.lazy.flatMap(\.entries).filter { kept.contains($0.series) }.map(\.sequence).max() ?? 0
        let covered = files.map(\.coveredSegment).max() ?? 0
        // Merged chunks are at most as many as the files' (more only for series beyond the chunk limit).
        let expectedChunks = files.reduce(0) { $0 + $1.entries.count }
        // Written series by series as the merge produces them: the window's chunks are never all in memory.
        var writer: PartitionFileWriter?
        func write(_ chunk: SealedChunk) throws(HistorianError) {
            if writer == nil {
                writer = try PartitionFileWriter(
                    windowStart: windowStart, windowEnd: windowEnd, coveredSegment: covered, directory: partitionDirectory,
                    generation: generation, expectedChunks: expectedChunks, faults: options.fileFaults)
            }
            try writer?.append(chunk)
        }
        for series in input.series {
            var references: [ChunkReference] = []
            for file in files {
                for entry in file.entries(of: series.id) {
                    references.append(ChunkReference(source: .file(file, entry), statistics: entry.statistics, sequence: entry.sequence))
                }
            }
            references.sort { ($0.statistics.minTime, $0.sequence) < ($1.statistics.minTime, $1.sequence) }
            let sequence = references.map(\.sequence).max() ?? 0
            let snapshot = SeriesSnapshot(series: series, chunks: references, tombstones: input.tombstones[series.id] ?? [], strings: [])
            var open = OpenChunk(series: series.id, kind: series.kind, window: windowStart, windowEnd: windowEnd, sequence: sequence)
            for sample in try snapshot.rawSamples(from: windowStart, to: windowEnd) {
                if open.count >= options.effectiveChunkSampleLimit {
                    try write(open.seal())
                    open = OpenChunk(series: series.id, kind: series.kind, window: windowStart, windowEnd: windowEnd, sequence: sequence)
                }
                open.append(timestamp: sample.timestamp, bits: sample.bits, quality: sample.quality)
            }
            if open.count > 0 { try write(open.seal()) }
        }
        let chunkCount = writer?.count ?? 0
        let written = try writer.map { (writer) throws(HistorianError) in try PartitionFile(path: try writer.finish()) }
        let oldPaths = Set(files.map(\.path))
        state.withLock { state in
            // The old files leave the engine's list even when the new file took one of their names:
            // an old instance would keep serving the replaced contents through its open descriptor.
            state.partitions.removeAll { oldPaths.contains($0.path) }
            if let written { state.partitions.append(written) }
        }
        for file in files { summaryCache.removeEntries(ofFile: file.identity) }
        // Queries that took the old files before the swap keep reading them through their open descriptors.
        for old in oldPaths where old != written?.path { try FileIO.remove(old, faults: options.fileFaults) }
        try FileIO.syncDirectory(partitionDirectory, faults: options.fileFaults)
        return chunkCount
    }

    private func needsCompaction(_ files: [PartitionFile]) -> Bool {
        if files.count > 1 { return true }
        for file in files {
            for (index, entry) in file.entries.enumerated() {
                if entry.statistics.hasDuplicateTimestamps { return true }
                let previous = index > 0 ? file.entries[index - 1] : nil
                if let previous, previous.series == entry.series, previous.statistics.maxTime >= entry.statistics.minTime { return true }
            }
        }
        return false
    }

    /// Retention: removes the partition files whose whole window ends at or before `cutoff`
    /// (nanoseconds) and returns their paths. Samples of those windows still in the head or WAL
    /// are not affected; they go to a new partition at the next flush.
    public func dropPartitions(endingAtOrBefore cutoff: Int64) throws(HistorianError) -> [String] {
        try maintenanceTurn.withLock { (_) throws(HistorianError) -> [String] in
            let expired = state.withLock { state in
                let expired = state.partitions.filter { $0.windowEnd <= cutoff }
                state.partitions.removeAll { $0.windowEnd <= cutoff }
                return expired
            }
            guard !expired.isEmpty else { return [] }
            for file in expired {
                summaryCache.removeEntries(ofFile: file.identity)
                try FileIO.remove(file.path, faults: options.fileFaults)
            }
            try FileIO.syncDirectory(partitionDirectory, faults: options.fileFaults)
            return expired.map(\.path)
        }
    }

    /// Per-measurement retention: removes the samples of `measurement` from the partition windows
    /// that end at or before `cutoff`, rewriting each such window without them (the other
    /// measurements' samples stay). Returns the number of windows rewritten. Like ``compact()``,
    /// the rewrites run with no engine lock held.
    public func dropPartitions(endingAtOrBefore cutoff: Int64, measurement: String) throws(HistorianError) -> Int {
        try maintenanceTurn.withLock { (_) throws(HistorianError) -> Int in
            let (dropped, windows) = state.withLock { state -> (Set<SeriesID>, [[PartitionFile]]) in
                let dropped = Set(state.catalog.all.filter { $0.key.measurement == measurement }.map(\.id))
                let expired = state.partitions.filter { file in
                    file.windowEnd <= cutoff && file.entries.contains { dropped.contains($0.series) }
                }
                // Every file of each window, so that the merge sees all of its samples.
                let starts = Set(expired.map(\.windowStart)).sorted()
                return (dropped, starts.map { start in state.partitions.filter { $0.windowStart == start } })
            }
            for files in windows { _ = try rewrite(files, excluding: dropped) }
            return windows.count
        }
    }
}
