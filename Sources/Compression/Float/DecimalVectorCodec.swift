/// Codes doubles that are really decimals (a temperature with 0.1 resolution, a price with 0.0001)
/// as integers: each value v becomes n = round(v * 10^e) for one exponent e per vector, and decodes as
/// n / 10^e. Division by an exact power of ten is correctly rounded, so every double that is the
/// nearest double to a decimal with at most e fraction digits comes back bit for bit. Values that do
/// not (NaN, infinities, -0.0, more digits, beyond 2^53) are kept as exceptions with their exact bits.
///
/// The integers are then optionally split at a decimal digit m into n = q * 10^m + r, which separates
/// a slowly varying high part from a repetitive low part. This catches single-precision sensor values
/// printed as decimals (7.8305287, 8.5505295: the low digits are float32 rounding residue, nearly
/// constant) that would otherwise cost the width of all their digits.
///
/// The idea of finding a per-vector decimal exponent and keeping exceptions is that of ALP (Afroozeh,
/// Kuffo, Boncz, "ALP: Adaptive Lossless floating-Point Compression", SIGMOD 2024); the exponent search,
/// the split and the integer coding here are our own.
///
/// Layout: byte e; byte m; varint exception count; the q vector (`IntegerVectorCodec`); if m > 0 the
/// r vector; then per exception a varint index gap and the value's 8 bytes, little-endian.
@usableFromInline
enum DecimalVectorCodec {
    /// Exponents up to 18: 10^18 < 2^63 and every power of ten up to 10^22 is an exact double.
    @usableFromInline static let maximumExponent = 18
    @usableFromInline static let powersOfTen: [Double] = (0...22).map { exactPowerOfTen($0) }
    @usableFromInline static let integerPowersOfTen: [Int64] = (0...18).map { integerPowerOfTen($0) }
    /// Largest magnitude whose integer and double forms agree exactly.
    @usableFromInline static let exactIntegerLimit = 9_007_199_254_740_992.0 // 2^53

    static func exactPowerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    static func integerPowerOfTen(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The scaled integer of `value` at `exponent` if it decodes back to exactly `value`.
    @inlinable
    static func scaledInteger(_ value: Double, power: Double) -> Int64? {
        let scaled = value * power
        guard abs(scaled) < exactIntegerLimit else { return nil }
        // Round half away from zero by truncation; any integer that fails the check below only makes an exception.
        let integer = Int64(scaled + (scaled < 0 ? -0.5 : 0.5))
        guard (Double(integer) / power).bitPattern == value.bitPattern else { return nil }
        return integer
    }

    /// The smallest exponent that represents the most values of a sample of the vector, or nil when
    /// fewer than half of the sample are decimals at any exponent.
    @inlinable
    static func chooseExponent(_ values: UnsafeBufferPointer<Double>) -> Int? {
        let sampleCount = min(values.count, 32)
        let stride = values.count / sampleCount
        var bestExponent = 0
        var bestHits = -1
        for exponent in 0...maximumExponent {
            let power = powersOfTen[exponent]
            var hits = 0
            for sample in 0..<sampleCount where scaledInteger(values[sample * stride], power: power) != nil {
                hits += 1
            }
            if hits > bestHits {
                bestHits = hits
                bestExponent = exponent
                if hits == sampleCount { break }
            }
        }
        return bestHits * 2 >= sampleCount ? bestExponent : nil
    }

    /// Encodes `values` if they are mostly decimals; returns false (writing nothing) otherwise.
    @inlinable
    static func encode(_ values: UnsafeBufferPointer<Double>, into writer: inout ByteWriter) -> Bool {
        let count = values.count
        guard count > 0, let exponent = chooseExponent(values) else { return false }
        let power = powersOfTen[exponent]
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: count * 2) { integers in
            guard let base = integers.baseAddress else { return false }
            let high = UnsafeMutableBufferPointer(start: base, count: count)
            let low = UnsafeMutableBufferPointer(start: base + count, count: count)
            var exceptionCount = 0
            var previous: Int64 = 0
            for index in 0..<count {
                if let integer = scaledInteger(values[index], power: power) {
                    high[index] = integer
                    previous = integer
                } else {
                    // Repeat the neighbour so an exception does not disturb the differences.
                    high[index] = previous
                    exceptionCount += 1
                }
            }
            guard exceptionCount * 4 <= count else { return false }
            let split = chooseSplit(UnsafeBufferPointer(high), exponent: exponent)
            if split > 0 {
                let divisor = integerPowersOfTen[split]
                for index in 0..<count {
                    let (quotient, remainder) = flooredDivision(high[index], by: divisor)
                    high[index] = quotient
                    low[index] = remainder
                }
            }
            writer.append(UInt8(exponent))
            writer.append(UInt8(split))
            writer.appendVarint(UInt64(exceptionCount))
            IntegerVectorCodec.encode(UnsafeBufferPointer(high), into: &writer)
            if split > 0 {
                IntegerVectorCodec.encode(UnsafeBufferPointer(low), into: &writer)
            }
            guard exceptionCount > 0 else { return true }
            var lastException = 0
            for index in 0..<count where scaledInteger(values[index], power: power) == nil {
                writer.appendVarint(UInt64(index - lastException))
                writer.appendLittleEndian(values[index].bitPattern)
                lastException = index
            }
            return true
        }
    }

    /// The split digit that minimises the bits of the high part's differences plus the low part's
    /// range, judged on the first 64 values.
    @inlinable
    static func chooseSplit(_ integers: UnsafeBufferPointer<Int64>, exponent: Int) -> Int {
        let sampleCount = min(integers.count, 64)
        guard exponent >= 2, sampleCount >= 8 else { return 0 }
        let splits = exponent + 1
        // Per split: previous high part, minimum and maximum of the high differences and of the low parts.
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: splits * 5) { state in
            for split in 0..<splits {
                state[split * 5] = 0
                state[split * 5 + 1] = .max
                state[split * 5 + 2] = .min
                state[split * 5 + 3] = .max
                state[split * 5 + 4] = .min
            }
            for index in 0..<sampleCount {
                let integer = integers[index]
                var high = integer
                for split in 0..<splits {
                    // floor(n / 10^split) step by step: a division by the constant 10 is a multiplication.
                    if split > 0 {
                        let quotient = high / 10
                        high = high % 10 < 0 ? quotient - 1 : quotient
                    }
                    let low = integer &- high &* integerPowersOfTen[split]
                    let slot = split * 5
                    let difference = index == 0 ? 0 : high &- state[slot]
                    state[slot] = high
                    state[slot + 1] = min(state[slot + 1], difference)
                    state[slot + 2] = max(state[slot + 2], difference)
                    state[slot + 3] = min(state[slot + 3], low)
                    state[slot + 4] = max(state[slot + 4], low)
                }
            }
            var bestSplit = 0
            var bestBits = Int.max
            for split in 0..<splits {
                let slot = split * 5
                let differenceBits = 64 - UInt64(bitPattern: state[slot + 2] &- state[slot + 1]).leadingZeroBitCount
                let lowBits = 64 - UInt64(bitPattern: state[slot + 4] &- state[slot + 3]).leadingZeroBitCount
                // A split must pay for its second vector's headers.
                let bits = differenceBits + lowBits + (split > 0 ? 1 : 0)
                if bits < bestBits {
                    bestBits = bits
                    bestSplit = split
                }
            }
            return bestSplit
        }
    }

    @inlinable
    static func flooredDivision(_ value: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value - quotient * divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    @inlinable
    static func decode(
        _ reader: inout ByteReader,
        count: Int,
        into output: UnsafeMutablePointer<Double>
    ) throws(CompressionError) {
        let headerOffset = reader.offset
        let exponent = Int(try reader.readByte())
        let split = Int(try reader.readByte())
        guard exponent <= maximumExponent, split <= exponent else {
            throw reader.corrupt("decimal exponent \(exponent) with split \(split)", at: headerOffset)
        }
        let exceptionCount = try reader.readLength(limit: count, what: "exception count")
        let power = powersOfTen[exponent]
        try withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { integers throws(CompressionError) in
            guard let high = integers.baseAddress else { return }
            try IntegerVectorCodec.decode(&reader, count: count, into: high)
            if split == 0 {
                for index in 0..<count { output[index] = Double(high[index]) / power }
                return
            }
            try withUnsafeTemporaryAllocation(of: Int64.self, capacity: count) { lowIntegers throws(CompressionError) in
                guard let low = lowIntegers.baseAddress else { return }
                try IntegerVectorCodec.decode(&reader, count: count, into: low)
                let multiplier = integerPowersOfTen[split]
                for index in 0..<count {
                    output[index] = Double(high[index] &* multiplier &+ low[index]) / power
                }
            }
        }
        var index = 0
        for exception in 0..<exceptionCount {
            let gapOffset = reader.offset
            let gap = try reader.readVarint()
            guard gap < UInt64(count), (exception == 0 || gap > 0), index + Int(gap) < count else {
                throw reader.corrupt("exception position gap \(gap) leaves the vector of \(count) values", at: gapOffset)
            }
            index += Int(gap)
            output[index] = Double(bitPattern: try reader.readLittleEndianUInt64())
        }
    }
}
