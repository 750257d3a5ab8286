import Synchronization

/// A bounded, thread-safe cache of fine-grained summaries of sealed partition chunks: for one
/// chunk and one grain `g`, the statistics of each epoch-aligned cell `[k·g, (k+1)·g)` that holds
/// samples, in time order (see ``Historian/rollup(series:from:to:every:timeWeighted:qualities:useChunkStatistics:)``).
///
/// Partition files never change, so an entry stays correct while its file lives; keys name a file
/// by ``PartitionFile/identity`` (unique per opened file, never reused), and compaction and
/// retention drop the entries of the files they remove. Range deletes and quality filters are not
/// in the summaries: rollups that need them decode instead.
///
/// Memory is bounded by ``limit`` bytes (the cells' size, estimated as their stride plus a fixed
/// cost per entry); eviction is CLOCK (second chance), an approximation of least-recently-used
/// that needs one bit per entry and no list updates on a hit.
final class SummaryCache: Sendable {
    struct Key: Hashable, Sendable {
        var file: UInt64
        var offset: Int
        var grain: Int64
    }

    private struct Entry {
        var key: Key
        var cells: [ChunkStatistics]
        var bytes: Int
        var referenced: Bool
    }

    private struct Storage {
        var slots: [Entry?] = []
        var index: [Key: Int] = [:]
        var freeSlots: [Int] = []
        var hand = 0
        var bytes = 0
    }

    /// The bound in bytes; 0 disables the cache.
    let limit: Int
    private let storage = Mutex(Storage())

    /// Bytes an entry costs beyond its cells: dictionary and slot bookkeeping, array header.
    static let entryOverhead = 96

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// The bytes the entries hold now.
    var bytes: Int {
        storage.withLock { $0.bytes }
    }

    /// The entries held now.
    var count: Int {
        storage.withLock { $0.index.count }
    }

    /// The partition files that entries belong to.
    var files: Set<UInt64> {
        storage.withLock { Set($0.index.keys.map(\.file)) }
    }

    static func bytes(ofCells count: Int) -> Int {
        count * MemoryLayout<ChunkStatistics>.stride + entryOverhead
    }

    /// The cells stored under `key`, marking the entry as used.
    func cells(for key: Key) -> [ChunkStatistics]? {
        guard limit > 0 else { return nil }
        return storage.withLock { storage in
            guard let slot = storage.index[key] else { return nil }
            storage.slots[slot]?.referenced = true
            return storage.slots[slot]?.cells
        }
    }

    /// Stores `cells` under `key`, evicting entries not used since the clock hand last passed
    /// them until the total fits the limit. An entry larger than the whole limit is not stored.
    func insert(_ cells: [ChunkStatistics], for key: Key) {
        let size = Self.bytes(ofCells: cells.count)
        guard size <= limit else { return }
        storage.withLock { storage in
            if let slot = storage.index[key] {
                storage.slots[slot]?.referenced = true
                return
            }
            while storage.bytes + size > limit, let victim = Self.nextVictim(&storage) {
                Self.remove(at: victim, from: &storage)
            }
            let entry = Entry(key: key, cells: cells, bytes: size, referenced: false)
            let slot: Int
            if let free = storage.freeSlots.popLast() {
                slot = free
                storage.slots[slot] = entry
            } else {
                slot = storage.slots.count
                storage.slots.append(entry)
            }
            storage.index[key] = slot
            storage.bytes += size
        }
    }

    /// Drops every entry of the partition file `identity` (it was removed or replaced).
    func removeEntries(ofFile identity: UInt64) {
        storage.withLock { storage in
            for (key, slot) in storage.index where key.file == identity {
                Self.remove(at: slot, from: &storage)
            }
        }
    }

    /// The slot the CLOCK hand evicts next: the first entry from the hand whose reference bit is
    /// clear, clearing the bits it passes. Nil when the cache is empty.
    private static func nextVictim(_ storage: inout Storage) -> Int? {
        guard !storage.index.isEmpty else { return nil }
        // Two turns suffice: the first clears every bit it passes.
        for _ in 0..<(2 * storage.slots.count) {
            let slot = storage.hand
            storage.hand = (storage.hand + 1) % storage.slots.count
            guard let entry = storage.slots[slot] else { continue }
            if entry.referenced {
                storage.slots[slot]?.referenced = false
            } else {
                return slot
            }
        }
        return nil
    }

    private static func remove(at slot: Int, from storage: inout Storage) {
        guard let entry = storage.slots[slot] else { return }
        storage.slots[slot] = nil
        storage.index[entry.key] = nil
        storage.freeSlots.append(slot)
        storage.bytes -= entry.bytes
    }
}
