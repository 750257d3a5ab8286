extension NumberText {
    /// Writes `value` as the decimal with the fewest significant digits (at most 17) that reads
    /// back to the same bits, the one closest to `value` among those, in plain notation: the digits
    /// `Double.description` prints, without a String per number. nil outside 10^-4 <= |value| < 10^15
    /// (where `description` switches to exponents or the text would be long) and for NaN,
    /// infinities and zeros; at most 23 bytes.
    ///
    /// Exact integer arithmetic, no floating point: with `|value| = M / 2^s` (53-bit significand M),
    /// `M x 10^k / 2^s` is `|value|` in units of its 17th significant digit, and half the gap to each
    /// neighbouring double is `10^k / 2^(s+1)` in the same units, so every quantity fits a UInt128
    /// scaled by `2^(s+2)`. Any decimal strictly inside that interval reads back to `value` under
    /// round-to-nearest; the shortest is the multiple of the largest power of ten in it (Steele and
    /// White, "How to Print Floating-Point Numbers Accurately", PLDI 1990, the free-format variant),
    /// and of two equally near, the even one.
    /// An interval end itself is never taken, so a value whose shortest form lies exactly on a
    /// boundary gets one digit more than `description` (both read back the same).
    static func putShortestDecimal(_ value: Double, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>? {
        let magnitude = value.magnitude
        guard magnitude >= 1e-4, magnitude < 1e15 else { return nil }
        let significand = UInt64(magnitude.significandBitPattern) | 1 << 52
        let shift = 52 - Int(magnitude.exponent)
        let exponent = decimalExponent(significand: significand, shift: shift)
        let scale = 16 - exponent
        let unitShift = shift + 2
        let center = UInt128(significand) * wideDecimalPowers[scale] << 2
        let upperGap = wideDecimalPowers[scale] << 1
        // Above a power of two the gap below is half the gap above.
        let lowerGap = significand == 1 << 52 ? wideDecimalPowers[scale] : upperGap
        let smallest = UInt64(truncatingIfNeeded: (center - lowerGap) >> unitShift) + 1
        let largest = UInt64(truncatingIfNeeded: (center + upperGap - 1) >> unitShift)
        guard smallest <= largest else { return nil }
        var power: UInt64 = 1
        while largest / (power * 10) * (power * 10) >= smallest { power *= 10 }
        // The multiple of `power` nearest to the value, then the neighbour if that one is outside.
        let whole = UInt64(truncatingIfNeeded: center >> unitShift)
        let fraction = center & ((1 << unitShift) - 1)
        var digits = whole / power * power
        let remainder = UInt128(whole % power) << unitShift | fraction
        let half = UInt128(power) << unitShift
        // Ties go to the even multiple, as in `description`.
        if remainder << 1 > half || (remainder << 1 == half && (digits / power) % 2 == 1) { digits += power }
        if digits < smallest { digits += power } else if digits > largest { digits -= power }
        guard digits >= smallest, digits <= largest else { return nil }
        var lastDigitExponent = exponent - 16
        while digits % 10 == 0 {
            digits /= 10
            lastDigitExponent += 1
        }
        let start = value < 0 ? put(UInt8(ascii: "-"), at: cursor) : cursor
        return putScaled(digits, exponent: lastDigitExponent, at: start)
    }

    /// `digits x 10^exponent` in plain notation: `12300`, `1.23`, `0.00123`.
    private static func putScaled(_ digits: UInt64, exponent: Int, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard exponent >= 0 else { return putFixed(digits, decimals: -exponent, at: cursor) }
        var end = putDigits(digits, at: cursor)
        for _ in 0..<exponent { end = put(UInt8(ascii: "0"), at: end) }
        return end
    }

    /// The `e` with `10^e <= significand / 2^shift < 10^(e+1)`, for values from 10^-4 to 10^15.
    private static func decimalExponent(significand: UInt64, shift: Int) -> Int {
        // log10(2) = 0.30103: the estimate is at most one too small or too large.
        var exponent = Int((Double(52 - shift) * 0.301_029_995_663_981_2).rounded(.down))
        while exponent < 14, isAtLeastPowerOfTen(significand, shift, exponent + 1) { exponent += 1 }
        while exponent > -4, !isAtLeastPowerOfTen(significand, shift, exponent) { exponent -= 1 }
        return exponent
    }

    private static func isAtLeastPowerOfTen(_ significand: UInt64, _ shift: Int, _ exponent: Int) -> Bool {
        exponent >= 0
            ? UInt128(significand) >= wideDecimalPowers[exponent] << shift
            : UInt128(significand) * wideDecimalPowers[-exponent] >= UInt128(1) << shift
    }

    /// 10^0 ... 10^20.
    private static let wideDecimalPowers: [UInt128] = (0...20).map { exponent in
        (0..<exponent).reduce(UInt128(1)) { product, _ in product * 10 }
    }
}
