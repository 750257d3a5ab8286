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
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * slotCount + 2 * maximumEntries) { storage in
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { indices in
                guard let base = storage.baseAddress else { return false }
                // Slot pattern 0 marks an empty slot, so patterns are stored plus one; the all-ones
                // pattern, which would wrap to 0, gets its entry outside the table.
                let slotPatterns = UnsafeMutableBufferPointer(start: base, count: slotCount)
                let slotEntries = UnsafeMutableBufferPointer(start: base + slotCount, count: slotCount)
                let entries = UnsafeMutableBufferPointer(start: base + 2 * slotCount, count: maximumEntries)
                let ranks = UnsafeMutableBufferPointer(start: base + 2 * slotCount + maximumEntries, count: maximumEntries)
                slotPatterns.initialize(repeating: 0)
                var entryCount = 0
                var maximumPatternEntry: Int64 = -1
                for index in 0..<count {
                    let pattern = values[index].bitPattern
                    if pattern == UInt64.max {
                        if maximumPatternEntry < 0 {
                            guard entryCount < maximumEntries else { return false }
                            entries[entryCount] = pattern
                            maximumPatternEntry = Int64(entryCount)
                            entryCount += 1
                        }
                        indices[index] = maximumPatternEntry
                        continue
                    }
                    var slot = Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 54)
                    while true {
                        let stored = slotPatterns[slot]
                        if stored == pattern &+ 1 {
                            indices[index] = Int64(bitPattern: slotEntries[slot])
                            break
                        }
                        if stored == 0 {
                            guard entryCount < maximumEntries else { return false }
                            slotPatterns[slot] = pattern &+ 1
                            slotEntries[slot] = UInt64(entryCount)
                            entries[entryCount] = pattern
                            indices[index] = Int64(entryCount)
                            entryCount += 1
                            break
                        }
                        slot = (slot + 1) & (slotCount - 1)
                    }
                }
                // Numeric order for non-NaN values keeps indices of close readings close.
                var order = (0..<entryCount).map { $0 }
                order.sort { orderKey(entries[$0]) < orderKey(entries[$1]) }
                writer.appendVarint(UInt64(entryCount))
                withUnsafeTemporaryAllocation(of: Double.self, capacity: entryCount) { dictionary in
                    for (rank, entry) in order.enumerated() {
                        dictionary[rank] = Double(bitPattern: entries[entry])
                        ranks[entry] = UInt64(rank)
                    }
                    FloatStreamCodec.encodeWithoutDictionary(UnsafeBufferPointer(dictionary), into: &writer)
                }
                for index in 0..<count { indices[index] = Int64(ranks[Int(indices[index])]) }
                IntegerVectorCodec.encode(UnsafeBufferPointer(indices), into: &writer)
                return true
            }
        }
    }

    /// A total order on bit patterns that follows numeric order for non-NaN values.
    @inlinable
    static func orderKey(_ pattern: UInt64) -> UInt64 {
        pattern & (1 << 63) != 0 ? ~pattern : pattern | (1 << 63)
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
            try FloatStreamCodec.decodeWithoutDictionary(&reader, count: entryCount, into: entries)
            let indicesOffset = reader.offset
            try withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { indexStorage throws(CompressionError) in
                guard let indices = indexStorage.baseAddress else { return }
                try IntegerVectorCodec.decode(&reader, count: count, into: indices)
                for index in 0..<count {
                    let entry = indices[index]
                    guard entry >= 0 && entry < Int64(entryCount) else {
                        throw .corrupt(
                            context: "dictionary float vector", offset: indicesOffset, reason: "index \(entry) outside a dictionary of \(entryCount)")
                    }
                    output[index] = entries[Int(entry)]
                }
            }
        }
    }
}
