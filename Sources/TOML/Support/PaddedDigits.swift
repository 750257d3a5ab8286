/// `value` (not negative) in `radix` with uppercase letters, left-padded with zeros to `count` digits.
func paddedDigits(_ value: Int, radix: Int = 10, count: Int) -> String {
    let digits = String(value, radix: radix, uppercase: true)
    return String(repeating: "0", count: max(0, count - digits.count)) + digits
}
