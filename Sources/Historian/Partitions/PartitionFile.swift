import Compression
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An immutable partition file: the sealed chunks of one time window, written once by a flush.
///
/// Layout (little-endian):
/// - header, 40 bytes: magic `HISTDPRT`, format version `UInt32`, reserved `UInt32`, window start
///   and end `Int64` (ns, `[start, end)`), the WAL segment the file covers through `UInt64`;
/// - the framed timestamp columns, each distinct column once (the fields of one line protocol
///   series share their timestamps), then the framed value and quality payloads (see ``ChunkPayload``);
/// - the index: chunk count `UInt32`, then one ``ChunkIndexEntry`` per chunk, sorted by series,
///   minimum time and sequence; framed by `BlockFraming` (zstd: the fixed-size entries of a plant's
///   thousand one-chunk series shrink from 121 to about 53 bytes each, 0.01 bytes per stored value);
/// - footer, 32 bytes: index offset `UInt64`, index length `UInt64`, CRC-32C of the index `UInt32`,
///   CRC-32C of the header `UInt32`, magic `HISTDEND`.
///
/// File name: `<covered WAL segment, 20 digits>-<window start ns>[-c<generation>].part`, so that
/// names sort in flush order; compaction adds a generation (the highest chunk sequence it merged).
final class PartitionFile: Sendable {
    static let magic: [UInt8] = Array("HISTDPRT".utf8)
    static let endMagic: [UInt8] = Array("HISTDEND".utf8)
    static let formatVersion: UInt32 = 3
    static let headerSize = 40
    static let footerSize = 32

    let path: String
    let windowStart: Int64
    let windowEnd: Int64
    let coveredSegment: UInt64
    let size: Int
    /// Every index entry, in index order: by series, then minimum time, then sequence. One flat
    /// array: a dictionary of per-series arrays cost a million-series file about 60 bytes more a chunk.
    let entries: [ChunkIndexEntry]
    /// Unique among the files opened by this process, never reused (a rewritten file of the same
    /// name gets a new one): what the ``SummaryCache`` keys its entries by.
    let identity: UInt64
    private let descriptor: Int32

    private static let nextIdentity = Atomic<UInt64>(1)

    static func fileName(coveredSegment: UInt64, windowStart: Int64, generation: UInt64? = nil) -> String {
        let digits = String(coveredSegment)
        let suffix = generation.map { "-c\($0)" } ?? ""
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-" + String(windowStart) + suffix + ".part"
    }

    /// Writes `chunks` (all of window `[windowStart, windowEnd)`, in any order) durably to a new
    /// file in `directory`; see ``PartitionFileWriter`` for writing chunk by chunk.
    static func write(
        _ chunks: consuming [SealedChunk], windowStart: Int64, windowEnd: Int64, coveredSegment: UInt64, directory: String,
        generation: UInt64? = nil, faults: (any FileFaults)? = nil
    ) throws(HistorianError) -> String {
        var ordered = consume chunks
        ordered.sort { ($0.series, $0.statistics.minTime, $0.sequence) < ($1.series, $1.statistics.minTime, $1.sequence) }
        let writer = try PartitionFileWriter(
            windowStart: windowStart, windowEnd: windowEnd, coveredSegment: coveredSegment, directory: directory, generation: generation,
            faults: faults)
        for chunk in ordered { try writer.append(chunk) }
        return try writer.finish()
    }

    /// Opens a partition file and checks its header, footer and index (not the chunks: see ``verifyChunks(kinds:)``).
    init(path: String) throws(HistorianError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", code: errno) }
        do throws(HistorianError) {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw .io(path: path, operation: "fstat", code: errno) }
            let size = Int(status.st_size)
            guard size >= Self.headerSize + Self.footerSize else {
                throw .corrupt(path: path, offset: 0, reason: "file of \(size) bytes is shorter than a header and footer")
            }
            let header = try FileIO.readAt(descriptor: descriptor, path: path, offset: 0, count: Self.headerSize)
            let footer = try FileIO.readAt(descriptor: descriptor, path: path, offset: size - Self.footerSize, count: Self.footerSize)
            let parsed = try Self.parse(header: header, footer: footer, size: size, path: path)
            let framedIndex = try FileIO.readAt(descriptor: descriptor, path: path, offset: parsed.indexOffset, count: parsed.indexLength)
            guard CRC32C.checksum(framedIndex) == parsed.indexChecksum else {
                throw .corrupt(path: path, offset: parsed.indexOffset, reason: "index checksum mismatch")
            }
            let index: [UInt8]
            do throws(CompressionError) {
                index = try BlockFraming.open(framedIndex)
            } catch {
                throw .corrupt(path: path, offset: parsed.indexOffset, reason: "index frame does not open: \(error)")
            }
            entries = try Self.parse(index: index, indexOffset: parsed.indexOffset, path: path)
            windowStart = parsed.windowStart
            windowEnd = parsed.windowEnd
            coveredSegment = parsed.coveredSegment
            self.size = size
            identity = Self.nextIdentity.wrappingAdd(1, ordering: .relaxed).oldValue
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    private struct Layout {
        var windowStart: Int64
        var windowEnd: Int64
        var coveredSegment: UInt64
        var indexOffset: Int
        var indexLength: Int
        var indexChecksum: UInt32
    }

    private static func parse(header: [UInt8], footer: [UInt8], size: Int, path: String) throws(HistorianError) -> Layout {
        guard Array(header[0..<8]) == magic else { throw .corrupt(path: path, offset: 0, reason: "not a partition file (bad magic)") }
        guard Array(footer[24..<32]) == endMagic else {
            throw .corrupt(path: path, offset: size - 8, reason: "bad end magic (file cut short or overwritten)")
        }
        let layout: Layout? = header.withUnsafeBytes { headerBytes in
            footer.withUnsafeBytes { footerBytes in
                var headerReader = ByteReader(headerBytes, from: 8)
                var footerReader = ByteReader(footerBytes)
                guard let version = headerReader.readUInt32(), headerReader.readUInt32() != nil,
                    let start = headerReader.readInt64(), let end = headerReader.readInt64(), let covered = headerReader.readUInt64(),
                    let indexOffset = footerReader.readUInt64(), let indexLength = footerReader.readUInt64(),
                    let indexChecksum = footerReader.readUInt32(), let headerChecksum = footerReader.readUInt32(),
                    version == formatVersion, headerChecksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: headerBytes[0..<headerSize])),
                    indexOffset <= UInt64(size), indexLength <= UInt64(size)
                else { return nil }
                return Layout(
                    windowStart: start, windowEnd: end, coveredSegment: covered, indexOffset: Int(indexOffset),
                    indexLength: Int(indexLength), indexChecksum: indexChecksum)
            }
        }
        guard let layout else {
            let version = header.withUnsafeBytes { ByteReader($0, from: 8).readUInt32Value }
            if version != formatVersion { throw .unsupportedVersion(path: path, version: version) }
            throw .corrupt(path: path, offset: 0, reason: "header checksum mismatch or impossible index position")
        }
        guard layout.indexOffset >= headerSize, layout.indexOffset + layout.indexLength == size - footerSize else {
            throw .corrupt(
                path: path, offset: size - footerSize, reason: "index position \(layout.indexOffset)+\(layout.indexLength) does not end at the footer"
            )
        }
        return layout
    }

    private static func parse(index: [UInt8], indexOffset: Int, path: String) throws(HistorianError) -> [ChunkIndexEntry] {
        let parsed: [ChunkIndexEntry]? = index.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard let count = reader.readUInt32(), reader.remaining == Int(count) * ChunkIndexEntry.encodedSize else { return nil }
            var entries: [ChunkIndexEntry] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let entry = ChunkIndexEntry.decode(&reader) else { return nil }
                entries.append(entry)
            }
            return entries
        }
        guard var entries = parsed else { throw .corrupt(path: path, offset: indexOffset, reason: "index length does not match its chunk count") }
        var ordered = true
        for (position, entry) in entries.enumerated() {
            guard entry.offset >= headerSize, entry.offset + entry.length <= indexOffset,
                entry.timestampOffset >= headerSize, entry.timestampOffset + entry.timestampLength <= indexOffset,
                entry.statistics.count > 0, entry.statistics.minTime <= entry.statistics.maxTime
            else {
                throw .corrupt(
                    path: path, offset: indexOffset,
                    reason: "index entry of series \(entry.series) points outside the chunk area or has impossible statistics")
            }
            if position > 0 && entries[position - 1].indexOrder > entry.indexOrder { ordered = false }
        }
        // Writers keep index order; the lookup by binary search needs it, so an index written otherwise is sorted.
        if !ordered { entries.sort { $0.indexOrder < $1.indexOrder } }
        return entries
    }

    /// The index entries of `series`, in index order (empty when the file holds none of it).
    func entries(of series: SeriesID) -> ArraySlice<ChunkIndexEntry> {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].series < series { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < entries.count && entries[end].series == series { end += 1 }
        return entries[low..<end]
    }

    /// The series the file holds chunks of, ascending.
    var seriesIDs: [SeriesID] {
        var result: [SeriesID] = []
        for entry in entries where entry.series != result.last { result.append(entry.series) }
        return result
    }

    /// Reads a chunk's frames, checks their CRC-32C and opens them.
    func columns(of entry: ChunkIndexEntry) throws(HistorianError) -> ChunkColumns {
        let timestamps = try FileIO.readAt(descriptor: descriptor, path: path, offset: entry.timestampOffset, count: entry.timestampLength)
        guard timestamps.count == entry.timestampLength, CRC32C.checksum(timestamps) == entry.timestampChecksum else {
            throw .corrupt(path: path, offset: entry.timestampOffset, reason: "timestamps of series \(entry.series) checksum mismatch")
        }
        let payload = try FileIO.readAt(descriptor: descriptor, path: path, offset: entry.offset, count: entry.length)
        guard payload.count == entry.length, CRC32C.checksum(payload) == entry.checksum else {
            throw .corrupt(path: path, offset: entry.offset, reason: "chunk of series \(entry.series) checksum mismatch")
        }
        return try ChunkPayload.open(timestamps: timestamps, payload: payload, context: path, offset: entry.offset)
    }

    /// Reads and decodes every chunk and checks it against its index entry (time range, count and
    /// every statistic, recomputed bit for bit); returns the number of chunks checked.
    func verifyChunks(kinds: (SeriesID) -> ValueKind?) throws(HistorianError) -> Int {
        var checked = 0
        for entry in entries {
            let series = entry.series
            guard let kind = kinds(series) else {
                throw .corrupt(path: path, offset: entry.offset, reason: "chunk of series \(series), which the catalog does not know")
            }
            let decoded = try ChunkPayload.decode(try columns(of: entry), kind: kind, context: path, offset: entry.offset)
            var recomputed = ChunkStatistics()
            for (timestamp, bits) in zip(decoded.timestamps, decoded.bits) {
                recomputed.add(timestamp: timestamp, value: SampleValue.number(bits: bits, kind: kind))
            }
            recomputed.hasNonGoodQuality = decoded.qualities.contains { $0 != Quality.good.rawValue }
            guard recomputed.matches(entry.statistics), entry.statistics.minTime >= windowStart, entry.statistics.maxTime < windowEnd else {
                throw .corrupt(path: path, offset: entry.offset, reason: "chunk of series \(series) disagrees with its index statistics")
            }
            checked += 1
        }
        return checked
    }
}

extension ByteReader {
    /// The next UInt32, or 0 past the end (for error messages only).
    fileprivate var readUInt32Value: UInt32 {
        var copy = self
        return copy.readUInt32() ?? 0
    }
}
