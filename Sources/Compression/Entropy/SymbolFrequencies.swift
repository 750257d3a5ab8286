/// A static model for `RansCoder`: the frequency of each symbol `0..<count`, summing to exactly
/// `RansCoder.totalFrequency`, and the cumulative frequency below each symbol.
///
/// A table costs bits in every vector, so it is stored compactly: every frequency but the largest's
/// is rounded to `significantBits` significant bits (which costs well under 0.01 bits per coded
/// symbol) and written as its bit length and the bits below its leading one; the largest is what
/// remains of the total. Layout, bit fields least significant bit first (as `BitWriter` writes them),
/// padded to a byte: the largest symbol's index (6 bits); per other symbol its frequency's bit length
/// (4 bits, 0 for an absent symbol) and then its significant bits below the leading one.
@usableFromInline
struct SymbolFrequencies {
    /// Symbols per table at most: each costs up to 8 bits of table, which a vector must repay.
    @usableFromInline static let maximumSymbols = 64
    @usableFromInline static let significantBits = 5
    @usableFromInline static let indexBits = 6
    @usableFromInline static let lengthBits = 4

    @usableFromInline var frequencies: [UInt32]
    @usableFromInline var cumulative: [UInt32]
    @usableFromInline var largest: Int

    /// Scales symbol counts (of `total` occurrences) to storable frequencies that sum to
    /// `RansCoder.totalFrequency`; every symbol that occurs keeps a frequency of at least 1. Nil when
    /// there are no symbols, too many, or the rounding leaves the largest symbol nothing.
    @inlinable
    init?(counts: UnsafeBufferPointer<Int>, total: Int) {
        let scale = Int(RansCoder.totalFrequency)
        guard total > 0, counts.count >= 1, counts.count <= Self.maximumSymbols else { return nil }
        var frequencies = [UInt32](repeating: 0, count: counts.count)
        var largest = 0
        for symbol in counts.indices where counts[symbol] > counts[largest] { largest = symbol }
        var sum = 0
        for symbol in counts.indices where counts[symbol] > 0 && symbol != largest {
            let frequency = Self.storable(max(1, (counts[symbol] * scale + total / 2) / total))
            frequencies[symbol] = UInt32(frequency)
            sum += frequency
        }
        guard sum < scale, counts[largest] > 0 else { return nil }
        frequencies[largest] = UInt32(scale - sum)
        var cumulative = [UInt32](repeating: 0, count: counts.count)
        var running: UInt32 = 0
        for symbol in frequencies.indices {
            cumulative[symbol] = running
            running &+= frequencies[symbol]
        }
        self.frequencies = frequencies
        self.cumulative = cumulative
        self.largest = largest
    }

    @inlinable
    var count: Int { frequencies.count }

    /// `frequency` rounded to the nearest value with `significantBits` significant bits.
    @inlinable
    static func storable(_ frequency: Int) -> Int {
        let length = Int.bitWidth - frequency.leadingZeroBitCount
        let dropped = length - significantBits
        guard dropped > 0 else { return frequency }
        return ((frequency + (1 << (dropped - 1))) >> dropped) << dropped
    }

    /// The bits below the leading one that a frequency of bit `length` keeps.
    @inlinable
    static func keptBits(length: Int) -> Int {
        max(0, min(length - 1, significantBits - 1))
    }

    /// Bits `write` takes, padding excluded.
    @inlinable
    var encodedBits: Int {
        var bits = Self.indexBits
        for symbol in 0..<count where symbol != largest {
            let length = 32 - frequencies[symbol].leadingZeroBitCount
            bits += Self.lengthBits + Self.keptBits(length: length)
        }
        return bits
    }

    @inlinable
    func write(into writer: inout ByteWriter) {
        var bits = BitWriter(capacityInBits: encodedBits)
        bits.write(UInt64(largest), width: Self.indexBits)
        for symbol in 0..<count where symbol != largest {
            let frequency = UInt64(frequencies[symbol])
            let length = 64 - frequency.leadingZeroBitCount
            let kept = Self.keptBits(length: length)
            bits.write(UInt64(length), width: Self.lengthBits)
            if length > 0 {
                bits.write((frequency >> UInt64(length - 1 - kept)) & BitPacking.mask(width: kept), width: kept)
            }
        }
        bits.finish(into: &writer)
    }
}
