/// Decimal text of numbers written straight into memory, for ``JSONWriter``. Each function writes
/// at `cursor` and returns the pointer after what it wrote; the caller guarantees room: 20 bytes
/// for an unsigned integer, 21 with a sign, ``maximumDoubleBytes`` for a double.
enum NumberText {
    /// The longest text ``putDouble(_:at:)`` writes: a sign, 15 digits, a point and 9 decimals' zeros
    /// (the longest decimal of ``putShortestDecimal(_:at:)`` is 23 bytes).
    static let maximumDoubleBytes = 28

    static func put(_ byte: UInt8, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        cursor.pointee = byte
        return cursor + 1
    }

    static func putInteger(_ value: Int64, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        putDigits(value.magnitude, at: value < 0 ? put(UInt8(ascii: "-"), at: cursor) : cursor)
    }

    /// Integers of up to 12 digits print as one group of fixed width below; larger ones (nanosecond
    /// timestamps) as the digits above 10^12 followed by exactly 12 digits.
    fileprivate static let lowGroup: UInt64 = 1_000_000_000_000

    /// The decimal digits of `value`.
    static func putDigits(_ value: UInt64, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard value >= lowGroup else { return putShortDigits(value, at: cursor) }
        let high = putShortDigits(value / lowGroup, at: cursor)
        putTwelveDigits(value % lowGroup, at: high)
        return high + 12
    }

    /// Exactly 12 digits of `value` (below 10^12, with leading zeros) at `cursor`, as four groups of
    /// three digits computed side by side rather than one long chain of divisions.
    /// Timestamps of whole seconds or milliseconds end in nine or six zeros: those are stored at once.
    fileprivate static func putTwelveDigits(_ value: UInt64, at cursor: UnsafeMutablePointer<UInt8>) {
        let high = value / 1_000_000
        let low = value % 1_000_000
        putThreeDigits(high / 1_000, at: cursor)
        guard low != 0 else {
            if high % 1_000 == 0 {
                UnsafeMutableRawPointer(cursor + 3).storeBytes(of: eightZeros, as: UInt64.self)
                (cursor + 11).pointee = UInt8(ascii: "0")
            } else {
                putThreeDigits(high % 1_000, at: cursor + 3)
                UnsafeMutableRawPointer(cursor + 6).storeBytes(of: UInt32(truncatingIfNeeded: eightZeros), as: UInt32.self)
                UnsafeMutableRawPointer(cursor + 10).storeBytes(of: UInt16(truncatingIfNeeded: eightZeros), as: UInt16.self)
            }
            return
        }
        putThreeDigits(high % 1_000, at: cursor + 3)
        putThreeDigits(low / 1_000, at: cursor + 6)
        putThreeDigits(low % 1_000, at: cursor + 9)
    }

    /// "00000000" as one word.
    private static let eightZeros = UInt64(0x3030_3030_3030_3030)

    private static func putThreeDigits(_ value: UInt64, at cursor: UnsafeMutablePointer<UInt8>) {
        cursor[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 100)
        let pair = Int(value % 100) &* 2
        digitPairs.withUTF8Buffer { pairs in
            cursor[1] = pairs[pair]
            cursor[2] = pairs[pair &+ 1]
        }
    }

    /// The decimal digits of `value` (below 10^12 for speed, correct for any), two at a time from a
    /// table of "00" to "99".
    fileprivate static func putShortDigits(_ value: UInt64, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let end = cursor + digitCount(value)
        var remaining = value
        var position = end
        digitPairs.withUTF8Buffer { pairs in
            while remaining >= 100 {
                let pair = Int(remaining % 100) &* 2
                remaining /= 100
                position -= 2
                position[0] = pairs[pair]
                position[1] = pairs[pair &+ 1]
            }
            if remaining >= 10 {
                let pair = Int(remaining) &* 2
                position -= 2
                position[0] = pairs[pair]
                position[1] = pairs[pair &+ 1]
            } else {
                position -= 1
                position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining)
            }
        }
        return end
    }

    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var power: UInt64 = 10
        while count < 20, value >= power {
            count += 1
            power = power &* 10
        }
        return count
    }

    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// 10^0 ... 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { product, _ in product * 10 } }

    /// Writes `value` when it has a short exact form: `digits / 10^decimals` below 10^15 with at
    /// most 9 decimals (integral values without ".0", like JavaScript) that a correctly rounding
    /// parser reads back to the same bits. Both factors are exact doubles, so one IEEE division
    /// reproduces the parse (Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990).
    /// Below 10^6 one attempt at 9 decimals finds every such form (the product's error stays far
    /// below one half, so the digits are exact), and dropping trailing zeros gives the fewest
    /// decimals; larger values try 0, 1, 2... decimals. Values needing more digits (full-precision
    /// readings, means) go to ``putShortestDecimal(_:at:)``. nil for NaN, infinities, -0.0 and
    /// what that one refuses (magnitudes below 10^-4 or from 10^15), which ``JSONWriter`` prints
    /// with the standard library's shortest form instead.
    static func putDouble(_ value: Double, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>? {
        guard value.isFinite, value != 0 || value.sign == .plus else { return nil }
        if value == 0 { return put(UInt8(ascii: "0"), at: cursor) }
        let magnitude = value.magnitude
        guard magnitude < 1e15 else { return nil }
        let start = value < 0 ? put(UInt8(ascii: "-"), at: cursor) : cursor
        if magnitude < 1e6 {
            // Rounds half up by truncation (no libm call); the division below checks the result.
            var digits = UInt64(magnitude * 1e9 + 0.5)
            guard Double(digits) / 1e9 == magnitude else { return putShortestDecimal(value, at: cursor) }
            // Trailing zeros off, 8, 4, 2 and 1 at a time (at most 9 of them are decimals).
            var decimals = 9
            if digits % 100_000_000 == 0 {
                digits /= 100_000_000
                decimals -= 8
            }
            if decimals >= 4, digits % 10_000 == 0 {
                digits /= 10_000
                decimals -= 4
            }
            if decimals >= 2, digits % 100 == 0 {
                digits /= 100
                decimals -= 2
            }
            if decimals >= 1, digits % 10 == 0 {
                digits /= 10
                decimals -= 1
            }
            return putFixed(digits, decimals: decimals, at: start)
        }
        return powersOfTen.withUnsafeBufferPointer { powers -> UnsafeMutablePointer<UInt8>? in
            for decimals in 0...9 {
                let scaled = (magnitude * powers[decimals]).rounded(.toNearestOrEven)
                guard scaled < 1e15 else { break }
                guard scaled / powers[decimals] == magnitude else { continue }
                return putFixed(UInt64(scaled), decimals: decimals, at: start)
            }
            return putShortestDecimal(value, at: cursor)
        }
    }

    /// `digits` with a decimal point `decimals` places from the right (`5`, 2 decimals: `0.05`),
    /// without dividing: the digits are written whole and the decimals moved one place for the point.
    static func putFixed(_ digits: UInt64, decimals: Int, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard decimals > 0 else { return putDigits(digits, at: cursor) }
        let count = digitCount(digits)
        guard count > decimals else {
            var end = put(UInt8(ascii: "0"), at: cursor)
            end = put(UInt8(ascii: "."), at: end)
            for _ in 0..<(decimals - count) { end = put(UInt8(ascii: "0"), at: end) }
            return putDigits(digits, at: end)
        }
        let end = putDigits(digits, at: cursor)
        var position = end
        while position > end - decimals {
            position.pointee = (position - 1).pointee
            position -= 1
        }
        position.pointee = UInt8(ascii: ".")
        return end + 1
    }
}

extension NumberText {
    /// Prints many integers that share their digits above 10^12 (nanosecond timestamps of one
    /// series, whose digits above 10^12 change every 16 minutes): those are printed once and copied.
    struct GroupedIntegerPrinter {
        private var high: UInt64 = .max
        /// The ASCII digits of `high`, little-endian, at most 8 (Int64 has 7 above 10^12).
        private var highText: UInt64 = 0
        private var highLength = 0

        /// Writes `value` like ``NumberText/putInteger(_:at:)``, with the same room.
        mutating func put(_ value: Int64, at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
            guard value >= Int64(lowGroup) else { return putInteger(value, at: cursor) }
            let magnitude = UInt64(value)
            let top = magnitude / lowGroup
            if top != high {
                high = top
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { scratch in
                    guard let base = scratch.baseAddress else { return }
                    base.initialize(repeating: 0, count: 8)
                    highLength = putShortDigits(top, at: base) - base
                    highText = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                }
            }
            // Eight bytes at once; the low group overwrites what lies past the high digits.
            UnsafeMutableRawPointer(cursor).storeBytes(of: highText, as: UInt64.self)
            putTwelveDigits(magnitude % lowGroup, at: cursor + highLength)
            return cursor + highLength + 12
        }
    }
}
