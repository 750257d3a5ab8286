import Testing

@testable import Historian

@Suite struct SummaryCacheTests {
    /// `count` cells of one sample each at times 0, 1, ...
    func cells(_ count: Int) -> [ChunkStatistics] {
        (0..<count).map { index in
            var cell = ChunkStatistics()
            cell.add(timestamp: Int64(index), value: Double(index))
            return cell
        }
    }

    func key(_ file: UInt64, _ offset: Int = 0) -> SummaryCache.Key {
        SummaryCache.Key(file: file, offset: offset, grain: 60)
    }

    @Test func storesAndReturnsCells() {
        let cache = SummaryCache(limit: 1 << 20)
        #expect(cache.cells(for: key(1)) == nil)
        cache.insert(cells(3), for: key(1))
        #expect(cache.cells(for: key(1)) == cells(3))
        #expect(cache.cells(for: key(1, 8)) == nil)
        #expect(cache.bytes == SummaryCache.bytes(ofCells: 3))
    }

    @Test func neverHoldsMoreThanItsLimit() {
        let limit = SummaryCache.bytes(ofCells: 10) * 3
        let cache = SummaryCache(limit: limit)
        for file in 1...50 {
            cache.insert(cells(10 + file % 7), for: key(UInt64(file)))
            #expect(cache.bytes <= limit)
            #expect(cache.count >= 1)
        }
        // An entry larger than the whole limit is not stored, and evicts nothing.
        let before = cache.count
        cache.insert(cells(100), for: key(99))
        #expect(cache.cells(for: key(99)) == nil)
        #expect(cache.count == before)
    }

    @Test func evictsEntriesNotUsedSinceTheHandPassed() {
        let limit = SummaryCache.bytes(ofCells: 4) * 2
        let cache = SummaryCache(limit: limit)
        cache.insert(cells(4), for: key(1))
        cache.insert(cells(4), for: key(2))
        // Entry 1 is used, entry 2 is not: the third entry takes entry 2's place.
        #expect(cache.cells(for: key(1)) != nil)
        cache.insert(cells(4), for: key(3))
        #expect(cache.cells(for: key(1)) != nil)
        #expect(cache.cells(for: key(2)) == nil)
        #expect(cache.cells(for: key(3)) != nil)
    }

    @Test func removesTheEntriesOfAFile() {
        let cache = SummaryCache(limit: 1 << 20)
        cache.insert(cells(2), for: key(1, 0))
        cache.insert(cells(2), for: key(1, 100))
        cache.insert(cells(2), for: key(2, 0))
        cache.removeEntries(ofFile: 1)
        #expect(cache.files == [2])
        #expect(cache.bytes == SummaryCache.bytes(ofCells: 2))
        cache.insert(cells(5), for: key(3))
        #expect(cache.cells(for: key(3)) == cells(5))
    }

    @Test func aLimitOfZeroTurnsTheCacheOff() {
        let cache = SummaryCache(limit: 0)
        cache.insert(cells(1), for: key(1))
        #expect(cache.cells(for: key(1)) == nil)
        #expect(cache.bytes == 0)
    }
}
