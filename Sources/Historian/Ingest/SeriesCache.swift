/// Maps the raw bytes of `measurement,tags` plus a field key, exactly as written in the input, to
/// a series, without allocating on a hit. Distinct spellings of one series (tag order, escapes)
/// get distinct entries that point to the same series.
struct SeriesCache {
    private struct Entry {
        var seriesBytes: [UInt8]
        var fieldBytes: [UInt8]
        var slot: Int
    }

    private var buckets: [Int: [Entry]] = [:]

    static func hash(_ bytes: UnsafeRawBufferPointer, series: Range<Int>, field: Range<Int>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes[series]))
        hasher.combine(series.count)
        hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes[field]))
        return hasher.finalize()
    }

    func lookup(_ bytes: UnsafeRawBufferPointer, series: Range<Int>, field: Range<Int>, hash: Int) -> Int? {
        guard let entries = buckets[hash] else { return nil }
        for entry in entries where Self.equal(entry.seriesBytes, bytes, series) && Self.equal(entry.fieldBytes, bytes, field) {
            return entry.slot
        }
        return nil
    }

    mutating func insert(_ bytes: UnsafeRawBufferPointer, series: Range<Int>, field: Range<Int>, hash: Int, slot: Int) {
        buckets[hash, default: []].append(Entry(
            seriesBytes: Array(UnsafeRawBufferPointer(rebasing: bytes[series])),
            fieldBytes: Array(UnsafeRawBufferPointer(rebasing: bytes[field])), slot: slot))
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard stored.count == range.count else { return false }
        var index = range.lowerBound
        for byte in stored {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }
}
