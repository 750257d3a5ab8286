import Historian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps the raw bytes of a line's `measurement,tags` and a field key, exactly as written, to a
/// slot of the ingester, without allocating on a hit.
///
/// Two levels, because every field of a line shares its series prefix: the prefix is hashed
/// (FNV-1a) and compared once per line, then each field key is found among that prefix's fields,
/// starting at the position the previous line's field had (lines usually repeat the field order).
/// Distinct spellings of one series (tag order, escapes) get distinct entries with the same slot.
struct SeriesCache {
    private struct Prefix {
        var bytes: [UInt8]
        var fields: [(key: [UInt8], slot: Int)] = []
    }

    private var prefixIndex: [UInt64: [Int]] = [:]
    private var prefixes: [Prefix] = []

    /// The prefix of `range`, registering it when new; returns its index for ``slot(prefix:field:in:)``.
    mutating func prefix(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        let hash = Self.fnv1a(bytes, range)
        if let candidates = prefixIndex[hash] {
            for candidate in candidates where Self.equal(prefixes[candidate].bytes, bytes, range) {
                return candidate
            }
        }
        prefixes.append(Prefix(bytes: Array(UnsafeRawBufferPointer(rebasing: bytes[range]))))
        prefixIndex[hash, default: []].append(prefixes.count - 1)
        return prefixes.count - 1
    }

    /// The slot of field `range` under `prefix`, trying position `hint` first; nil when unknown.
    func slot(prefix: Int, field range: Range<Int>, in bytes: UnsafeRawBufferPointer, hint: Int) -> Int? {
        let fields = prefixes[prefix].fields
        if hint < fields.count, Self.equal(fields[hint].key, bytes, range) { return fields[hint].slot }
        for field in fields where Self.equal(field.key, bytes, range) {
            return field.slot
        }
        return nil
    }

    mutating func insert(prefix: Int, field range: Range<Int>, in bytes: UnsafeRawBufferPointer, slot: Int) {
        prefixes[prefix].fields.append((Array(UnsafeRawBufferPointer(rebasing: bytes[range])), slot))
    }

    /// FNV-1a, 64 bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv): cheap for the short keys here.
    private static func fnv1a(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard stored.count == range.count else { return false }
        return stored.withUnsafeBytes { storedBytes in
            guard let storedBase = storedBytes.baseAddress, let base = bytes.baseAddress else { return range.isEmpty }
            return memcmp(storedBase, base + range.lowerBound, range.count) == 0
        }
    }
}
