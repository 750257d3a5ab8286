/// Euclid's algorithm; gcd(0, x) = x.
@inlinable
func greatestCommonDivisor(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var x = a
    var y = b
    while y != 0 { (x, y) = (y, x % y) }
    return x
}

/// `value / divisor` when `divisor` divides `value`, else nil.
///
/// A 64-bit hardware division costs tens of cycles; below 2^53 both operands are exact doubles, and
/// the double quotient of an exact integer division is that integer exactly, so one double division
/// and one integer multiplication decide it.
@inlinable
func exactQuotient(_ value: UInt64, dividedBy divisor: UInt64) -> UInt64? {
    guard divisor > 0 else { return nil }
    if value < 1 << 53 && divisor < 1 << 53 {
        // Signed conversions are single instructions; unsigned ones are not, before AVX-512.
        let quotient = UInt64(Int64(Double(Int64(bitPattern: value)) / Double(Int64(bitPattern: divisor))))
        return quotient &* divisor == value ? quotient : nil
    }
    return value % divisor == 0 ? value / divisor : nil
}

/// The greatest common divisor of `current` and `value`, cheap when `current` already divides `value`.
@inlinable
func greatestCommonDivisor(keeping current: UInt64, with value: UInt64) -> UInt64 {
    if current == 1 || exactQuotient(value, dividedBy: current) != nil { return current }
    return greatestCommonDivisor(current, value)
}
