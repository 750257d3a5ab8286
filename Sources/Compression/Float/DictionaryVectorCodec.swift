/// Codes a vector that takes few distinct values (a quantised sensor that jumps between ADC steps, a
/// setpoint, a price list) as a sorted dictionary of those values and one small index per value.
///
/// The dictionary is itself a float vector (decimal or XOR coded, as `FloatStreamCodec` chooses), the
/// indices an `IntegerVectorCodec` vector: with d distinct values an index costs at most log2(d)
/// bits, and sorting the dictionary makes neighbouring readings neighbouring indices.
///
/// Layout: varint dictionary size; the dictionary as one float vector (kind byte and payload); the
/// indices as an integer vector.
@usableFromInline
enum DictionaryVectorCodec {
    /// Vectors with more distinct values than this are not dictionary-coded.
    @usableFromInline static let maximumEntries = 256

    /// Encodes `values` if they take at most `maximumEntries` distinct bit patterns; returns false
    /// (writing nothing) otherwise.
    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) -> Bool {
        let count = values.count
        guard count > 0 else { return false }
        // Open addressing over bit patterns, 1,024 slots: at most a quarter full when it succeeds.
        let slotCount = 1024
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slotCount + maximumEntries) { storage in
            guard let base = storage.baseAddress else { return false }
            let slots = UnsafeMutableBufferPointer(start: base, count: slotCount)
            let entries = UnsafeMutableBufferPointer(start: base + slotCount, count: maximumEntries)
            // Slot value 0 marks empty, so patterns are stored plus one (wrapping: UInt64.max maps to 0,
            // which is then kept out of the table and counted separately).
            slots.initialize(repeating: 0)
            var entryCount = 0
            var hasMaximumPattern = false
            for value in values {
                let pattern = value.bitPattern
                if pattern == UInt64.max {
                    if !hasMaximumPattern {
                        hasMaximumPattern = true
                        guard entryCount < maximumEntries else { return false }
                        entries[entryCount] = pattern
                        entryCount += 1
                    }
                    continue
                }
                var slot = Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 54)
                while true {
                    let stored = slots[slot]
                    if stored == pattern &+ 1 { break }
                    if stored == 0 {
                        guard entryCount < maximumEntries else { return false }
                        slots[slot] = pattern &+ 1
                        entries[entryCount] = pattern
                        entryCount += 1
                        break
                    }
                    slot = (slot + 1) & (slotCount - 1)
                }
            }
            // Numeric order for finite values keeps indices of close readings close; NaNs go last.
            var sorted = UnsafeMutableBufferPointer(rebasing: entries[0..<entryCount])
            sorted.sort { orderKey($0) < orderKey($1) }
            writer.appendVarint(UInt64(entryCount))
            sorted.withMemoryRebound(to: Double.self) { dictionary in
                FloatStreamCodec.encodeVector(UnsafeBufferPointer(dictionary), into: &writer, allowDictionary: false)
            }
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { indices in
                for index in 0..<count {
                    indices[index] = Int64(position(of: values[index].bitPattern, in: UnsafeBufferPointer(sorted)))
                }
                IntegerVectorCodec.encode(UnsafeBufferPointer(indices), into: &writer)
            }
            return true
        }
    }

    /// A total order on bit patterns that follows numeric order for non-NaN values.
    @inlinable
    static func orderKey(_ pattern: UInt64) -> UInt64 {
        pattern & (1 << 63) != 0 ? ~pattern : pattern | (1 << 63)
    }

    /// Binary search of `pattern` in entries sorted by `orderKey`.
    @inlinable
    static func position(of pattern: UInt64, in sorted: UnsafeBufferPointer<UInt64>) -> Int {
        let key = orderKey(pattern)
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if orderKey(sorted[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        let sizeOffset = reader.offset
        let entryCount = try reader.readLength(limit: maximumEntries, what: "dictionary size")
        guard entryCount > 0 else { throw reader.corrupt("empty dictionary", at: sizeOffset) }
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: entryCount) { dictionary throws(CompressionError) in
            guard let entries = dictionary.baseAddress else { return }
            try FloatStreamCodec.decodeVector(&reader, count: entryCount, into: entries, allowDictionary: false)
            let indicesOffset = reader.offset
            try withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { indexStorage throws(CompressionError) in
                guard let indices = indexStorage.baseAddress else { return }
                try IntegerVectorCodec.decode(&reader, count: count, into: indices)
                for index in 0..<count {
                    let entry = indices[index]
                    guard entry >= 0 && entry < Int64(entryCount) else {
                        throw .corrupt(context: "dictionary float vector", offset: indicesOffset, reason: "index \(entry) outside a dictionary of \(entryCount)")
                    }
                    output[index] = entries[Int(entry)]
                }
            }
        }
    }
}
