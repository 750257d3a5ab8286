import Compression

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one partition file (layout in ``PartitionFile``) chunk by chunk, so that a flush or a
/// compaction holds one series' chunks and the index at a time, never the file's whole image: a
/// million-series flush held about 400 MB of sealed chunks and file image before.
///
/// The file grows as `<name>.tmp` and becomes `<name>` in ``finish()`` (fsync, rename, fsync of the
/// directory); a writer released unfinished, or one whose write failed, removes its temporary file.
final class PartitionFileWriter {
    let path: String
    private let temporaryPath: String
    private let directory: String
    private let faults: (any FileFaults)?
    private var descriptor: Int32
    private var buffer = ByteWriter()
    /// Bytes handed to the file so far; `written + buffer.bytes.count` is the offset of the next byte.
    private var written = 0
    /// Bytes written since the last `fdatasync` (see ``FileIO/writebackPiece``).
    private var unsynced = 0
    private var index = ByteWriter()
    private var chunkCount: UInt32 = 0
    private let headerChecksum: UInt32
    /// Recently written timestamp columns and where they lie: equal columns (the fields of one line
    /// protocol series, machines sampled at the same instants) are stored once. Bounded, because a
    /// dictionary of every column of a million series would hold them all until the file is done.
    private var recentTimestamps: [[UInt8]: (offset: Int, checksum: UInt32)] = [:]
    private var recentTimestampBytes = 0

    /// The buffered bytes handed to the file at once.
    private static let bufferLimit = 1 << 20
    /// The most bytes of timestamp columns remembered for sharing before the memory is emptied.
    private static let recentTimestampLimit = 8 << 20

    /// Starts the file of window `[windowStart, windowEnd)` covering WAL segment `coveredSegment`;
    /// `expectedChunks` sizes the index up front (a growing index doubled and copied itself: a
    /// million-series flush briefly held three times its 121 MB).
    /// - Throws: ``HistorianError/io`` when the temporary file cannot be created or written.
    init(
        windowStart: Int64, windowEnd: Int64, coveredSegment: UInt64, directory: String, generation: UInt64? = nil,
        expectedChunks: Int = 0, faults: (any FileFaults)? = nil
    ) throws(HistorianError) {
        self.directory = directory
        self.faults = faults
        path = directory + "/" + PartitionFile.fileName(coveredSegment: coveredSegment, windowStart: windowStart, generation: generation)
        temporaryPath = path + ".tmp"
        descriptor = try FileIO.create(temporaryPath, flags: O_TRUNC, faults: faults)
        buffer.append(contentsOf: PartitionFile.magic)
        buffer.append(PartitionFile.formatVersion)
        buffer.append(UInt32(0))
        buffer.append(windowStart)
        buffer.append(windowEnd)
        buffer.append(coveredSegment)
        headerChecksum = CRC32C.checksum(buffer.bytes)
        index.bytes.reserveCapacity(4 + max(0, expectedChunks) * ChunkIndexEntry.encodedSize)
        index.append(UInt32(0))
    }

    deinit {
        // An open descriptor means unfinished: the temporary file goes.
        if descriptor >= 0 { abandon() }
    }

    /// The chunks appended so far.
    var count: Int { Int(chunkCount) }

    /// Appends a chunk. Chunks come in index order (by series, then minimum time, then sequence);
    /// a reader sorts an index written otherwise.
    /// - Throws: ``HistorianError/io`` when the file cannot be written (the file is then abandoned).
    func append(_ chunk: SealedChunk) throws(HistorianError) {
        let place: (offset: Int, checksum: UInt32)
        if let shared = recentTimestamps[chunk.timestamps] {
            place = shared
        } else {
            place = (offset: written + buffer.bytes.count, checksum: CRC32C.checksum(chunk.timestamps))
            buffer.append(contentsOf: chunk.timestamps)
            if recentTimestampBytes + chunk.timestamps.count > Self.recentTimestampLimit {
                recentTimestamps.removeAll(keepingCapacity: true)
                recentTimestampBytes = 0
            }
            recentTimestamps[chunk.timestamps] = place
            recentTimestampBytes += chunk.timestamps.count
        }
        ChunkIndexEntry(
            series: chunk.series, offset: written + buffer.bytes.count, length: chunk.payload.count,
            checksum: CRC32C.checksum(chunk.payload), timestampOffset: place.offset, timestampLength: chunk.timestamps.count,
            timestampChecksum: place.checksum, sequence: chunk.sequence, statistics: chunk.statistics
        ).encode(into: &index)
        buffer.append(contentsOf: chunk.payload)
        chunkCount += 1
        if buffer.bytes.count >= Self.bufferLimit { try writeBuffer() }
    }

    /// Writes the index and footer and makes the file durable under its name.
    /// - Returns: the file's path.
    /// - Throws: ``HistorianError/io``; the temporary file is removed then.
    func finish() throws(HistorianError) -> String {
        index.set(chunkCount, at: 0)
        let indexOffset = written + buffer.bytes.count
        let framedIndex = BlockFraming.seal(index.bytes)
        index = ByteWriter()
        recentTimestamps = [:]
        buffer.append(contentsOf: framedIndex)
        buffer.append(UInt64(indexOffset))
        buffer.append(UInt64(framedIndex.count))
        buffer.append(CRC32C.checksum(framedIndex))
        buffer.append(headerChecksum)
        buffer.append(contentsOf: PartitionFile.endMagic)
        try writeBuffer()
        do throws(HistorianError) {
            try FileIO.sync(descriptor: descriptor, path: temporaryPath, faults: faults)
            close(descriptor)
            descriptor = -1
            try FileIO.check(faults, .rename, path)
            if rename(temporaryPath, path) != 0 { throw .io(path: path, operation: "rename", code: errno) }
        } catch {
            abandon()
            throw error
        }
        try FileIO.syncDirectory(directory, faults: faults)
        return path
    }

    /// Hands the buffer to the file; every ``FileIO/writebackPiece`` bytes the data is made durable,
    /// so that dirty pages never pile up in front of the WAL's fsyncs.
    private func writeBuffer() throws(HistorianError) {
        guard !buffer.bytes.isEmpty else { return }
        do throws(HistorianError) {
            try FileIO.writeAll(descriptor: descriptor, path: temporaryPath, buffer.bytes, faults: faults)
            written += buffer.bytes.count
            unsynced += buffer.bytes.count
            buffer.bytes.removeAll(keepingCapacity: true)
            if unsynced >= FileIO.writebackPiece {
                unsynced = 0
                if fdatasync(descriptor) != 0 { throw .io(path: temporaryPath, operation: "fdatasync", code: errno) }
            }
        } catch {
            abandon()
            throw error
        }
    }

    /// Closes and removes the temporary file (also what releasing an unfinished writer does).
    func abandon() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }
}
