/// Reads one number token (the bytes of a number up to the next delimiter) and reports errors by byte
/// offset into the document.
struct NumberReader {
    struct Failure: Error {
        let reason: String
        let offset: Int
    }

    let token: [UInt8]
    /// The byte offset of the token in the document.
    let start: Int
    var position = 0

    init(token: [UInt8], start: Int) {
        self.token = token
        self.start = start
    }

    var current: UInt8? { position < token.count ? token[position] : nil }

    /// The token as written, for messages.
    var text: String { String(decoding: token, as: UTF8.self) }

    mutating func read() throws(Failure) -> TOMLValue {
        guard let first = current else {
            throw Failure(reason: "expected a value, found '\(text)'", offset: start)
        }
        if !isDecimalDigit(first) && first != UInt8(ascii: "+") && first != UInt8(ascii: "-") {
            throw Failure(reason: "expected a value, found '\(text)' (strings need quotes; booleans are true and false)", offset: start)
        }
        if token.count >= 2, first == UInt8(ascii: "0"), let radix = Self.radix(ofPrefix: token[1]) {
            position = 2
            return .integer(try readRadixInteger(radix: radix))
        }
        let isNegative = first == UInt8(ascii: "-")
        if first == UInt8(ascii: "+") || isNegative { position = 1 }
        if token.count >= position + 2, token[position] == UInt8(ascii: "0"), Self.radix(ofPrefix: token[position + 1]) != nil {
            throw Failure(reason: "invalid number '\(text)': hexadecimal, octal and binary integers take no sign", offset: start)
        }
        let integerStart = position
        let integerDigits = try readDigits(isDigit: isDecimalDigit, what: "a digit")
        if integerDigits.count > 1 && integerDigits.first == UInt8(ascii: "0") {
            throw Failure(reason: "invalid number '\(text)': leading zeros are not allowed", offset: start + integerStart)
        }
        var normalized = String(decoding: token[0..<integerStart], as: UTF8.self) + String(decoding: integerDigits, as: UTF8.self)
        var isFloat = false
        if current == UInt8(ascii: ".") {
            position += 1
            let fraction = try readDigits(isDigit: isDecimalDigit, what: "a digit after the decimal point")
            normalized += "." + String(decoding: fraction, as: UTF8.self)
            isFloat = true
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            normalized += "e"
            if let sign = current, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                normalized.unicodeScalars.append(UnicodeScalar(sign))
                position += 1
            }
            let exponent = try readDigits(isDigit: isDecimalDigit, what: "a digit in the exponent")
            normalized += String(decoding: exponent, as: UTF8.self)
            isFloat = true
        }
        if let unexpected = current {
            throw Failure(reason: "invalid number '\(text)': unexpected '\(UnicodeScalar(unexpected))'", offset: start + position)
        }
        if isFloat {
            guard let value = Double(normalized), value.isFinite else {
                throw Failure(reason: "float '\(text)' is out of the range of a 64-bit float", offset: start)
            }
            return .float(value)
        }
        return .integer(try accumulate(integerDigits, radix: 10, isNegative: isNegative))
    }

    private static func radix(ofPrefix byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "x"): return 16
        case UInt8(ascii: "o"): return 8
        case UInt8(ascii: "b"): return 2
        default: return nil
        }
    }

    private mutating func readRadixInteger(radix: Int) throws(Failure) -> Int64 {
        let name = radix == 16 ? "a hexadecimal digit" : radix == 8 ? "an octal digit" : "a binary digit"
        let digits = try readDigits(isDigit: { hexadecimalDigitValue($0).map { Int($0) < radix } ?? false }, what: name)
        if let unexpected = current {
            throw Failure(reason: "invalid number '\(text)': unexpected '\(UnicodeScalar(unexpected))'", offset: start + position)
        }
        return try accumulate(digits, radix: radix, isNegative: false)
    }

    /// Reads one or more digits with single underscores between them, returning the digits alone.
    private mutating func readDigits(isDigit: (UInt8) -> Bool, what: String) throws(Failure) -> [UInt8] {
        guard let first = current, isDigit(first) else {
            let found = current.map { "'\(UnicodeScalar($0))'" } ?? "its end"
            throw Failure(reason: "invalid number '\(text)': expected \(what), found \(found)", offset: start + position)
        }
        var digits: [UInt8] = []
        while let byte = current {
            if isDigit(byte) {
                digits.append(byte)
            } else if byte == UInt8(ascii: "_") {
                guard position + 1 < token.count, isDigit(token[position + 1]) else {
                    throw Failure(reason: "invalid number '\(text)': an underscore must stand between two digits", offset: start + position)
                }
            } else {
                break
            }
            position += 1
        }
        return digits
    }

    /// The value of `digits` in `radix`, negated if `isNegative`, if it fits in an Int64.
    private func accumulate(_ digits: [UInt8], radix: Int, isNegative: Bool) throws(Failure) -> Int64 {
        let limit: UInt64 = isNegative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        var magnitude: UInt64 = 0
        for digit in digits {
            let (shifted, overflowShift) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflowAdd) = shifted.addingReportingOverflow(UInt64(hexadecimalDigitValue(digit) ?? 0))
            guard !overflowShift, !overflowAdd, sum <= limit else {
                throw Failure(reason: "integer '\(text)' does not fit in 64 bits (-2^63 to 2^63 - 1)", offset: start)
            }
            magnitude = sum
        }
        return isNegative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }
}
