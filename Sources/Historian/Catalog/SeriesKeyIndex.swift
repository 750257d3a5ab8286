/// Finds a series' position in the catalog's array by its key: an open-addressing hash table of
/// positions (linear probing, at most half full) that compares the keys stored in the array itself.
///
/// A `[SeriesKey: SeriesID]` dictionary kept a second copy of every key in its buckets: about 100 MB
/// at a million series, against 8 to 16 MB of 32-bit positions here.
struct SeriesKeyIndex {
    /// Position + 1 of a series in the catalog's array; 0 marks an empty slot. The count is a power of two.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)
    private(set) var count = 0

    /// The position of the series with `key` in `all`, or nil.
    func position(of key: SeriesKey, in all: [Series]) -> Int? {
        let mask = slots.count - 1
        var slot = key.hashValue & mask
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if all[position].key == key { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `all[position]`, whose key is not in the index yet.
    mutating func insert(position: Int, in all: [Series]) {
        if (count + 1) * 2 > slots.count { grow(in: all) }
        place(position, hash: all[position].key.hashValue)
        count += 1
    }

    private mutating func place(_ position: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(position + 1)
    }

    private mutating func grow(in all: [Series]) {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        for entry in old where entry != 0 {
            let position = Int(entry) - 1
            place(position, hash: all[position].key.hashValue)
        }
    }
}
