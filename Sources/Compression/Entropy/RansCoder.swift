/// A static range-variant asymmetric numeral system coder (rANS; J. Duda, "Asymmetric numeral
/// systems: entropy coding combining speed of Huffman coding with compression rate of arithmetic
/// coding", arXiv:1311.2540, 2013, section 3): a symbol of frequency f out of `totalFrequency` costs
/// log2(totalFrequency / f) bits, fractions of a bit included, so a symbol that takes 90 % of a
/// vector costs 0.15 bits where bit packing or Huffman coding spend at least one.
///
/// The state is 32 bits, kept in `[lowerBound, lowerBound << 8)` by moving whole bytes (the byte-wise
/// layout F. Giesen describes in "Interleaved entropy coders", arXiv:1402.3392, 2014). The encoder
/// runs over the symbols backwards, so the decoder reads forwards.
///
/// Layout: the `SymbolFrequencies` table; varint byte count; the final encoder state (4 bytes,
/// little-endian); the renormalisation bytes in the order the decoder consumes them.
@usableFromInline
enum RansCoder {
    @usableFromInline static let scaleBits: UInt32 = 12
    @usableFromInline static let totalFrequency: UInt32 = 1 << scaleBits
    @usableFromInline static let lowerBound: UInt32 = 1 << 23

    /// Encodes `symbols`, each `< model.count` with a nonzero frequency, table first.
    @inlinable
    static func encode(_ symbols: UnsafeBufferPointer<UInt8>, model: SymbolFrequencies, into writer: inout ByteWriter) {
        model.write(into: &writer)
        // A symbol moves at most 12 bits out of the state, so at most two bytes.
        let capacity = symbols.count * 2 + 4
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { output in
            var position = capacity
            var state = lowerBound
            model.frequencies.withUnsafeBufferPointer { frequencies in
                model.cumulative.withUnsafeBufferPointer { cumulative in
                    var index = symbols.count
                    while index > 0 {
                        index &-= 1
                        let symbol = Int(symbols[index])
                        let frequency = frequencies[symbol]
                        let limit = ((lowerBound >> scaleBits) << 8) &* frequency
                        while state >= limit {
                            position &-= 1
                            output[position] = UInt8(truncatingIfNeeded: state)
                            state >>= 8
                        }
                        state = ((state / frequency) << scaleBits) &+ (state % frequency) &+ cumulative[symbol]
                    }
                }
            }
            for shift in stride(from: 24, through: 0, by: -8) {
                position &-= 1
                output[position] = UInt8(truncatingIfNeeded: state >> UInt32(shift))
            }
            writer.appendVarint(UInt64(capacity - position))
            writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[position..<capacity]))
        }
    }

    /// Reads a table of `symbolCount` symbols and decodes `count` symbols into `output`.
    ///
    /// Every symbol decoded has a nonzero frequency, so it is `< symbolCount`. The frequencies other
    /// than the largest must leave it at least 1, every byte read is bounds-checked, and the decoder
    /// must end in the encoder's initial state having read every byte: other input throws.
    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        symbolCount: Int,
        count: Int,
        into output: UnsafeMutablePointer<UInt8>
    ) throws(CompressionError) {
        let tableOffset = reader.offset
        guard symbolCount >= 1, symbolCount <= SymbolFrequencies.maximumSymbols else {
            throw reader.corrupt("symbol table of \(symbolCount) symbols", at: tableOffset)
        }
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * SymbolFrequencies.maximumSymbols) { table throws(CompressionError) in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(totalFrequency)) { slots throws(CompressionError) in
                guard let frequencies = table.baseAddress, let slotSymbols = slots.baseAddress else { return }
                let cumulative = frequencies + SymbolFrequencies.maximumSymbols
                var bits = BitReader(reader.buffer, offset: tableOffset, context: reader.context)
                let largest = Int(try bits.read(SymbolFrequencies.indexBits))
                guard largest < symbolCount else {
                    throw reader.corrupt("largest symbol \(largest) of a table of \(symbolCount)", at: tableOffset)
                }
                var othersTotal: UInt32 = 0
                for symbol in 0..<symbolCount where symbol != largest {
                    let length = Int(try bits.read(SymbolFrequencies.lengthBits))
                    var frequency: UInt32 = 0
                    if length > 0 {
                        let kept = SymbolFrequencies.keptBits(length: length)
                        let significant = (UInt32(1) << UInt32(kept)) | UInt32(truncatingIfNeeded: try bits.read(kept))
                        frequency = significant << UInt32(length - 1 - kept)
                    }
                    guard frequency < totalFrequency &- othersTotal else {
                        throw reader.corrupt("symbol frequencies reach \(totalFrequency) before the largest", at: tableOffset)
                    }
                    frequencies[symbol] = frequency
                    othersTotal &+= frequency
                }
                frequencies[largest] = totalFrequency &- othersTotal
                reader.offset = tableOffset + (bits.bitsConsumed(since: tableOffset) + 7) / 8
                var total: UInt32 = 0
                for symbol in 0..<symbolCount {
                    cumulative[symbol] = total
                    (slotSymbols + Int(total)).update(repeating: UInt8(truncatingIfNeeded: symbol), count: Int(frequencies[symbol]))
                    total &+= frequencies[symbol]
                }
                let length = try reader.readByteCount(what: "entropy-coded byte count")
                let start = try reader.skip(length)
                guard length >= 4, let base = reader.buffer.baseAddress else {
                    throw reader.corrupt("entropy-coded stream of \(length) bytes", at: start)
                }
                let bytes = base.assumingMemoryBound(to: UInt8.self)
                let end = start &+ length
                var position = start &+ 4
                var state = UInt32(littleEndian: reader.buffer.loadUnaligned(fromByteOffset: start, as: UInt32.self))
                let mask = totalFrequency &- 1
                for index in 0..<count {
                    let slot = state & mask
                    let symbol = slotSymbols[Int(slot)]
                    output[index] = symbol
                    state = frequencies[Int(symbol)] &* (state >> scaleBits) &+ slot &- cumulative[Int(symbol)]
                    while state < lowerBound {
                        guard position < end else { throw reader.corrupt("entropy-coded stream ends early", at: end) }
                        state = (state << 8) | UInt32(bytes[position])
                        position &+= 1
                    }
                }
                guard position == end, state == lowerBound else {
                    throw reader.corrupt("entropy-coded stream does not end in its initial state", at: start)
                }
            }
        }
    }
}
