/// A static range-variant asymmetric numeral system coder (rANS; J. Duda, "Asymmetric numeral
/// systems: entropy coding combining speed of Huffman coding with compression rate of arithmetic
/// coding", arXiv:1311.2540, 2013, section 3): a symbol of frequency f out of `totalFrequency` costs
/// log2(totalFrequency / f) bits, fractions of a bit included, so a symbol that takes 90 % of a
/// vector costs 0.15 bits where bit packing or Huffman coding spend at least one.
///
/// Two states take turns, even symbols and odd ones, so that a decoder's steps do not all wait on one
/// chain of multiplications (F. Giesen, "Interleaved entropy coders", arXiv:1402.3392, 2014). Each state
/// is 32 bits, kept in `[lowerBound, 2^32)` by moving 16-bit words, so that a step moves at most one
/// word. The encoder runs over the symbols backwards, so the decoder reads forwards.
///
/// Layout: the `SymbolFrequencies` table; varint byte count; the final states of the even and the odd
/// symbols' coder (4 bytes each, little-endian); the renormalisation words (2 bytes, little-endian) in
/// the order the decoder consumes them.
@usableFromInline
enum RansCoder {
    @usableFromInline static let scaleBits: UInt32 = 12
    @usableFromInline static let totalFrequency: UInt32 = 1 << scaleBits
    @usableFromInline static let lowerBound: UInt32 = 1 << 16

    /// Encodes `symbols`, each `< model.count` with a nonzero frequency, table first.
    @inlinable
    static func encode(_ symbols: UnsafeBufferPointer<UInt8>, model: SymbolFrequencies, into writer: inout ByteWriter) {
        model.write(into: &writer)
        // A symbol moves at most one 16-bit word out of its state.
        let capacity = symbols.count * 2 + 8
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { output in
            var position = capacity
            var states = (even: lowerBound, odd: lowerBound)
            model.frequencies.withUnsafeBufferPointer { frequencies in
                model.cumulative.withUnsafeBufferPointer { cumulative in
                    var index = symbols.count
                    while index > 0 {
                        index &-= 1
                        let symbol = Int(symbols[index])
                        let frequency = frequencies[symbol]
                        var state = index & 1 == 0 ? states.even : states.odd
                        // The largest state that still encodes into [lowerBound, 2^32) is
                        // (lowerBound >> scaleBits << 16) * frequency, which reaches 2^32 for a lone symbol.
                        if UInt64(state) >= UInt64(frequency) << (32 - UInt64(scaleBits)) {
                            position &-= 2
                            output[position] = UInt8(truncatingIfNeeded: state)
                            output[position &+ 1] = UInt8(truncatingIfNeeded: state >> 8)
                            state >>= 16
                        }
                        // 32-bit division: the states fit, and on x86-64 it is cheaper than a 64-bit one.
                        let (quotient, remainder) = state.quotientAndRemainder(dividingBy: frequency)
                        state = (quotient << scaleBits) &+ remainder &+ cumulative[symbol]
                        if index & 1 == 0 { states.even = state } else { states.odd = state }
                    }
                }
            }
            // The decoder starts from the final states, the even one first.
            func prepend(_ state: UInt32) {
                position &-= 4
                for byte in 0..<4 { output[position &+ byte] = UInt8(truncatingIfNeeded: state >> UInt32(8 * byte)) }
            }
            prepend(states.odd)
            prepend(states.even)
            writer.appendVarint(UInt64(capacity - position))
            writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[position..<capacity]))
        }
    }

    /// Reads a table of `symbolCount` symbols and decodes `count` symbols, writing for each symbol s
    /// `symbolValues[s]` to `output` (the caller's mapping of symbols to values, applied in the same pass).
    ///
    /// Every symbol decoded has a nonzero frequency, so it is `< symbolCount`. The frequencies other
    /// than the largest must leave it at least 1, every byte read is bounds-checked, and the decoder
    /// must end in the encoder's initial state having read every byte: other input throws.
    @inlinable
    static func decode<Value>(
        _ reader: inout ByteReader,
        symbolCount: Int,
        count: Int,
        symbolValues: UnsafePointer<Value>,
        into output: UnsafeMutablePointer<Value>
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
                guard length >= 8, let base = reader.buffer.baseAddress else {
                    throw reader.corrupt("entropy-coded stream of \(length) bytes", at: start)
                }
                let bytes = UnsafeRawPointer(base)
                let end = start &+ length
                var position = start &+ 8
                var even = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self))
                var odd = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start &+ 4, as: UInt32.self))
                let mask = totalFrequency &- 1
                @inline(__always)
                func step(_ state: inout UInt32, into index: Int) throws(CompressionError) {
                    let slot = state & mask
                    let symbol = slotSymbols[Int(slot)]
                    output[index] = symbolValues[Int(symbol)]
                    state = frequencies[Int(symbol)] &* (state >> scaleBits) &+ slot &- cumulative[Int(symbol)]
                    if state < lowerBound {
                        guard position &+ 2 <= end else { throw reader.corrupt("entropy-coded stream ends early", at: end) }
                        state = (state << 16) | UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt16.self)))
                        position &+= 2
                    }
                }
                var index = 0
                while index &+ 1 < count {
                    try step(&even, into: index)
                    try step(&odd, into: index &+ 1)
                    index &+= 2
                }
                if index < count { try step(&even, into: index) }
                guard position == end, even == lowerBound, odd == lowerBound else {
                    throw reader.corrupt("entropy-coded stream does not end in its initial states", at: start)
                }
            }
        }
    }
}
