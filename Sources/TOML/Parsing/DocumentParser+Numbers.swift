extension DocumentParser {
    /// Reads an integer or a float: decimal integers with an optional sign, `0x`/`0o`/`0b` integers
    /// without a sign, floats with a fraction and/or an exponent, and `inf`/`nan` with an optional sign.
    /// Underscores must stand between two digits; a decimal integer part has no leading zero.
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = index
        while let byte = current, isBareKeyByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") {
            index += 1
        }
        let token = Array(bytes[start..<index])
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-.nan)
        default: break
        }
        var reader = NumberReader(token: token, start: start)
        do {
            return try reader.read()
        } catch {
            throw failure(error.reason, at: error.offset)
        }
    }
}
