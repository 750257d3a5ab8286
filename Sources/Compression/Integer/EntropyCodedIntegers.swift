#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Codes a vector of integers as small symbols with `RansCoder`: the alternative to frame-of-reference
/// blocks for integers that cluster (the differences of a random walk in whole quanta, a counter's
/// 0/1 steps, a few exponents, noise around a level), where a bit width wastes what the shape of the
/// distribution would save. A random walk of +-1..3 quanta packs at 2-3 bits and entropy-codes at 1.2-1.8.
///
/// Values map to unsigned offsets: as offsets from the vector's minimum (`base`), or, for differences,
/// zig-zag coded (so that steps of both signs stay near zero). An offset's high part (offset >> shift)
/// is the symbol and its low `shift` bits are stored as they are: wide noise entropy-codes its few
/// high bits, whose distribution has a shape, and keeps its flat low bits raw. High parts below
/// `symbolCount` are symbols; when the vector has escapes, the last symbol is the escape and each
/// escaped high part follows the coded stream and low bits as a varint of its excess over that symbol.
///
/// Layout: for offsets from a base, the signed varint base; one byte `symbolCount - 1`, plus 0x40 if
/// there are escapes and 0x80 if a shift byte follows; the shift byte (when not zero); the `RansCoder`
/// table and stream; the low bits of every offset packed at `shift` bits (`BitPacking`); the escapes'
/// varints in order.
@usableFromInline
enum EntropyCodedIntegers {
    /// Alphabets with an escape symbol are tried at these sizes (escape-free ones at the exact size).
    @usableFromInline static let escapingSymbolCounts = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]
    /// Offsets this wide and wider have their low bits stored raw, keeping at most 2^this high parts.
    @usableFromInline static let symbolBits = 5

    /// The coding chosen for a vector and what it is expected to cost.
    @usableFromInline
    struct Plan {
        @usableFromInline var base: Int64
        @usableFromInline var shift: Int
        @usableFromInline var symbolCount: Int
        @usableFromInline var escapes: Bool
        @usableFromInline var estimatedBits: Int

        @inlinable
        init(base: Int64, shift: Int, symbolCount: Int, escapes: Bool, estimatedBits: Int) {
            self.base = base
            self.shift = shift
            self.symbolCount = symbolCount
            self.escapes = escapes
            self.estimatedBits = estimatedBits
        }
    }

    @inlinable
    static func offset(_ value: Int64, base: Int64, zigZag: Bool) -> UInt64 {
        zigZag ? ZigZag.encode(value) : UInt64(bitPattern: value &- base)
    }

    /// The cheapest coding for `values`, headers included, or nil if none is plausible.
    ///
    /// Tries shift 0 (escapes take the outliers) and, for wide offsets, the three shifts that leave
    /// 16 to 64 high parts; the histograms of all four come from one pass over the offsets.
    @inlinable
    static func plan(_ values: UnsafeBufferPointer<Int64>, zigZag: Bool) -> Plan? {
        let count = values.count
        // Up to a vector, the counts of at most 64 symbols always scale to a valid table.
        guard count >= 2, count <= vectorCapacity else { return nil }
        var base: Int64 = 0
        if !zigZag {
            base = values[0]
            for value in values where value < base { base = value }
        }
        let limit = SymbolFrequencies.maximumSymbols
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { offsetStorage in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * (limit + 1)) { histogramStorage in
                guard let offsets = offsetStorage.baseAddress, let histograms = histogramStorage.baseAddress else { return nil }
                histogramStorage.initialize(repeating: 0)
                // Histogram h counts high parts below `limit` in its first `limit` slots and the varint
                // bytes of the others in its last.
                var largest: UInt64 = 0
                for index in 0..<count {
                    let offset = offset(values[index], base: base, zigZag: zigZag)
                    offsets[index] = offset
                    largest = max(largest, offset)
                    if offset < UInt64(limit) {
                        histograms[Int(offset)] &+= 1
                    } else {
                        histograms[limit] &+= varintLength(offset)
                    }
                }
                var best = plan(histogram: histograms, count: count, base: base, zigZag: zigZag, shift: 0, largest: largest)
                let width = 64 - largest.leadingZeroBitCount
                guard width > symbolBits + 1 else { return best }
                let firstShift = width - symbolBits - 1
                for index in 0..<count {
                    let offset = offsets[index]
                    for candidate in 0..<3 {
                        let high = offset >> UInt64(firstShift + candidate)
                        let histogram = histograms + (candidate + 1) * (limit + 1)
                        if high < UInt64(limit) {
                            histogram[Int(high)] &+= 1
                        } else {
                            histogram[limit] &+= varintLength(high)
                        }
                    }
                }
                for candidate in 0..<3 {
                    let shift = firstShift + candidate
                    if let plan = plan(
                        histogram: histograms + (candidate + 1) * (limit + 1), count: count, base: base, zigZag: zigZag,
                        shift: shift, largest: largest >> UInt64(shift)),
                        plan.estimatedBits < best?.estimatedBits ?? Int.max
                    {
                        best = plan
                    }
                }
                return best
            }
        }
    }

    /// The cheapest alphabet for high parts at `shift` with `histogram` (see `plan(_:zigZag:)`), whose
    /// largest is `largest`.
    @inlinable
    static func plan(
        histogram: UnsafeMutablePointer<Int>, count: Int, base: Int64, zigZag: Bool, shift: Int, largest: UInt64
    ) -> Plan? {
        let limit = SymbolFrequencies.maximumSymbols
        let outsideBytes = histogram[limit]
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: limit + 1) { prefixCountStorage in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: limit + 1) { prefix in
                guard let prefixCounts = prefixCountStorage.baseAddress else { return nil }
                // One symbol (a constant, or a constant step, with perhaps a few outliers) costs next to
                // nothing as frame-of-reference blocks too, which decode faster.
                var usedSymbols = 0
                for symbol in 0..<limit where histogram[symbol] > 0 { usedSymbols &+= 1 }
                guard usedSymbols > 1 else { return nil }
                // Shannon cost n*log2(n) - sum c*log2(c) over the coded symbols, from prefix sums.
                prefix[0] = 0
                prefixCounts[0] = 0
                for symbol in 0..<limit {
                    let occurrences = histogram[symbol]
                    prefix[symbol + 1] = prefix[symbol] + (occurrences > 0 ? Double(occurrences) * log2(Double(occurrences)) : 0)
                    prefixCounts[symbol + 1] = prefixCounts[symbol] + occurrences
                }
                let total = Double(count) * log2(Double(count))
                let headerBits =
                    (zigZag ? 0 : 8 * varintLength(ZigZag.encode(base))) + 8 * (2 + varintLength(UInt64(count * 2)) + 8)
                    + (shift > 0 ? 8 + count * shift : 0)
                var best: Plan?
                func consider(symbolCount: Int, escapes: Bool) {
                    let direct = escapes ? symbolCount - 1 : symbolCount
                    let escaped = count - prefixCounts[direct]
                    var bits = total - prefix[direct]
                    if escaped > 0 { bits -= Double(escaped) * log2(Double(escaped)) }
                    // Escapes inside the histogram's range take one byte each; the others were counted above.
                    let escapeBytes = escapes ? (prefixCounts[limit] - prefixCounts[direct]) + outsideBytes : 0
                    let estimate = Int(bits.rounded(.up)) + 8 * escapeBytes + symbolCount * 8 + headerBits
                    if estimate < best?.estimatedBits ?? Int.max {
                        best = Plan(base: base, shift: shift, symbolCount: symbolCount, escapes: escapes, estimatedBits: estimate)
                    }
                }
                if largest < UInt64(limit) {
                    consider(symbolCount: Int(largest) + 1, escapes: false)
                }
                for symbolCount in escapingSymbolCounts where UInt64(symbolCount - 1) < largest {
                    consider(symbolCount: symbolCount, escapes: true)
                }
                return best
            }
        }
    }

    /// Writes `values` as `plan` (made for these values) says; false, having written nothing, if the
    /// symbol counts do not scale to a table.
    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Int64>, zigZag: Bool, plan: Plan, into writer: inout ByteWriter) -> Bool {
        let count = values.count
        let escapeSymbol = plan.escapes ? plan.symbolCount - 1 : plan.symbolCount
        let shift = UInt64(plan.shift)
        let lowMask = BitPacking.mask(width: plan.shift)
        var escapes = ByteWriter()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { symbols in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { lowBits in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: plan.symbolCount) { counts in
                    counts.initialize(repeating: 0)
                    for index in 0..<count {
                        let offset = offset(values[index], base: plan.base, zigZag: zigZag)
                        let high = offset >> shift
                        lowBits[index] = offset & lowMask
                        let symbol: Int
                        if high < UInt64(escapeSymbol) {
                            symbol = Int(high)
                        } else {
                            symbol = escapeSymbol
                            escapes.appendVarint(high &- UInt64(escapeSymbol))
                        }
                        symbols[index] = UInt8(symbol)
                        counts[symbol] &+= 1
                    }
                    guard let model = SymbolFrequencies(counts: UnsafeBufferPointer(counts), total: count) else { return false }
                    if !zigZag { writer.appendSignedVarint(plan.base) }
                    writer.append(UInt8(plan.symbolCount - 1) | (plan.escapes ? 0x40 : 0) | (plan.shift > 0 ? 0x80 : 0))
                    if plan.shift > 0 { writer.append(UInt8(plan.shift)) }
                    RansCoder.encode(UnsafeBufferPointer(symbols), model: model, into: &writer)
                    BitPacking.pack(UnsafeBufferPointer(lowBits), width: plan.shift, into: &writer)
                    writer.append(contentsOf: escapes.bytes)
                    return true
                }
            }
        }
    }

    /// Decodes `count` values written by `encode` with the same `zigZag`.
    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        zigZag: Bool,
        into output: UnsafeMutablePointer<Int64>
    ) throws(CompressionError) {
        guard count > 0 else { return }
        let base = zigZag ? 0 : try reader.readSignedVarint()
        let headerOffset = reader.offset
        let header = try reader.readByte()
        let shift = header & 0x80 != 0 ? Int(try reader.readByte()) : 0
        let symbolCount = Int(header & 0x3F) + 1
        let escapes = header & 0x40 != 0
        guard symbolCount <= SymbolFrequencies.maximumSymbols, shift < 64 else {
            throw reader.corrupt("entropy-coded integers with \(symbolCount) symbols and shift \(shift)", at: headerOffset)
        }
        if !escapes {
            // Every offset's high part is its symbol's: map symbols to values (shift 0) or to high parts
            // while decoding them, then add the low bits in one pass.
            try withUnsafeTemporaryAllocation(of: Int64.self, capacity: symbolCount) { table throws(CompressionError) in
                guard let symbolValues = table.baseAddress else { return }
                for symbol in 0..<symbolCount {
                    let high = UInt64(symbol) &<< UInt64(shift)
                    if shift > 0 {
                        symbolValues[symbol] = Int64(bitPattern: high)
                    } else {
                        symbolValues[symbol] = zigZag ? ZigZag.decode(high) : base &+ Int64(bitPattern: high)
                    }
                }
                try RansCoder.decode(&reader, symbolCount: symbolCount, count: count, symbolValues: symbolValues, into: output)
            }
            guard shift > 0 else { return }
            let packedStart = try reader.skip(BitPacking.byteCount(count: count, width: shift))
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { lowStorage throws(CompressionError) in
                guard let low = lowStorage.baseAddress else { return }
                BitPacking.unpack(reader.buffer, at: packedStart, count: count, width: shift, into: low)
                if zigZag {
                    for index in 0..<count { output[index] = ZigZag.decode(UInt64(bitPattern: output[index]) | low[index]) }
                } else {
                    for index in 0..<count { output[index] = base &+ Int64(bitPattern: UInt64(bitPattern: output[index]) | low[index]) }
                }
            }
            return
        }
        let escapeSymbol = UInt8(truncatingIfNeeded: symbolCount - 1)
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + SymbolFrequencies.maximumSymbols) {
            symbolStorage throws(CompressionError) in
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: shift > 0 ? count : 0) { lowStorage throws(CompressionError) in
                guard let symbols = symbolStorage.baseAddress else { return }
                let identity = symbols + count
                for symbol in 0..<SymbolFrequencies.maximumSymbols { identity[symbol] = UInt8(symbol) }
                try RansCoder.decode(&reader, symbolCount: symbolCount, count: count, symbolValues: identity, into: symbols)
                let lowShift = UInt64(shift)
                // A temporary allocation of zero values may still have an address: only a shift has low bits.
                let lowBits = shift > 0 ? lowStorage.baseAddress : nil
                if let low = lowBits {
                    let packedStart = try reader.skip(BitPacking.byteCount(count: count, width: shift))
                    BitPacking.unpack(reader.buffer, at: packedStart, count: count, width: shift, into: low)
                }
                // One pass: escapes (read in order), low bits, and the offset's mapping back to a value.
                for index in 0..<count {
                    var high = UInt64(symbols[index])
                    if symbols[index] == escapeSymbol {
                        high = try reader.readVarint() &+ high
                    }
                    var offset = high
                    if let low = lowBits { offset = (high &<< lowShift) | low[index] }
                    output[index] = zigZag ? ZigZag.decode(offset) : base &+ Int64(bitPattern: offset)
                }
            }
        }
    }
}
