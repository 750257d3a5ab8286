extension DocumentParser {
    /// Reads `"..."`: escapes resolved, no newline, no control character but tab.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = index
        index += 1
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw failure("unterminated string: expected '\"', found end of file", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &text)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw failure("unterminated string: expected '\"' before the end of the line (use \"\"\" for several lines)", at: index)
            case _ where isForbiddenControl(byte):
                throw failure("\(foundDescription(at: index)) is not allowed in a string; write it as an escape", at: index)
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    /// Reads `"""..."""`: a newline right after the opening quotes is dropped, a backslash at the end of a
    /// line removes the line break and the whitespace after it, and CR LF becomes LF.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = index
        index += 3
        try skipNewlineAfterOpeningDelimiter()
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw failure("unterminated multi-line string: expected '\"\"\"', found end of file", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                if try closeMultilineString(quote: byte, into: &text) { return String(decoding: text, as: UTF8.self) }
            case UInt8(ascii: "\\"):
                if isLineEndingBackslash() {
                    index += 1
                    while let next = current,
                        next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
                            || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
                    {
                        if next == UInt8(ascii: "\r") { try skipNewline() } else { index += 1 }
                    }
                } else {
                    try parseEscape(into: &text)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try skipNewline()
                text.append(UInt8(ascii: "\n"))
            case _ where isForbiddenControl(byte):
                throw failure("\(foundDescription(at: index)) is not allowed in a string; write it as an escape", at: index)
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    /// Reads `'...'`: taken as written, no newline, no control character but tab.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = index
        index += 1
        let contentStart = index
        while true {
            guard let byte = current else {
                throw failure("unterminated string: expected \"'\", found end of file", at: start)
            }
            switch byte {
            case UInt8(ascii: "'"):
                index += 1
                return String(decoding: bytes[contentStart..<(index - 1)], as: UTF8.self)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw failure("unterminated string: expected \"'\" before the end of the line (use ''' for several lines)", at: index)
            case _ where isForbiddenControl(byte):
                throw failure("\(foundDescription(at: index)) is not allowed in a literal string", at: index)
            default:
                index += 1
            }
        }
    }

    /// Reads `'''...'''`: taken as written except that a newline right after the opening quotes is dropped
    /// and CR LF becomes LF.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = index
        index += 3
        try skipNewlineAfterOpeningDelimiter()
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw failure("unterminated multi-line string: expected \"'''\", found end of file", at: start)
            }
            switch byte {
            case UInt8(ascii: "'"):
                if try closeMultilineString(quote: byte, into: &text) { return String(decoding: text, as: UTF8.self) }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try skipNewline()
                text.append(UInt8(ascii: "\n"))
            case _ where isForbiddenControl(byte):
                throw failure("\(foundDescription(at: index)) is not allowed in a literal string", at: index)
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    // MARK: - Helpers

    private mutating func skipNewlineAfterOpeningDelimiter() throws(TOMLError) {
        if current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") { try skipNewline() }
    }

    /// At a run of `quote` bytes inside a multi-line string: up to two are content; three close the
    /// string, and up to two more just before them are content too (`""""` ends a string with `"`).
    /// Returns whether the string was closed.
    private mutating func closeMultilineString(quote: UInt8, into text: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while current == quote {
            run += 1
            index += 1
        }
        if run < 3 {
            text.append(contentsOf: repeatElement(quote, count: run))
            return false
        }
        guard run <= 5 else {
            let delimiter = String(repeating: String(UnicodeScalar(quote)), count: 3)
            throw failure("too many quotes: at most two may stand before the closing \(delimiter)", at: index - run + 5)
        }
        text.append(contentsOf: repeatElement(quote, count: run - 3))
        return true
    }

    /// Whether the backslash at the read position ends its line (only whitespace after it).
    private func isLineEndingBackslash() -> Bool {
        var offset = 1
        while let byte = peek(offset), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { offset += 1 }
        return peek(offset) == UInt8(ascii: "\n") || (peek(offset) == UInt8(ascii: "\r") && peek(offset + 1) == UInt8(ascii: "\n"))
    }

    /// Reads an escape at the backslash and appends its UTF-8 bytes. TOML 1.0 has `\b \t \n \f \r \" \\`,
    /// `\uXXXX` and `\UXXXXXXXX`; the code point must be a Unicode scalar value (not a surrogate, at most
    /// U+10FFFF).
    private mutating func parseEscape(into text: inout [UInt8]) throws(TOMLError) {
        let start = index
        index += 1
        guard let letter = current else {
            throw failure("unterminated string: expected an escape after '\\', found end of file", at: start)
        }
        index += 1
        switch letter {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digitCount = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digitCount {
                guard let byte = current, let digit = hexadecimalDigitValue(byte) else {
                    throw failure(
                        "expected \(digitCount) hexadecimal digits after '\\\(UnicodeScalar(letter))', found \(foundDescription(at: index))",
                        at: index)
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw failure(
                    "escape \(String(decoding: bytes[start..<index], as: UTF8.self)) is not a Unicode scalar value "
                        + "(surrogates U+D800 to U+DFFF and values above U+10FFFF are not allowed)", at: start)
            }
            text.append(contentsOf: String(Character(scalar)).utf8)
        default:
            throw failure(
                "invalid escape: '\\' followed by \(foundDescription(at: index - 1)); TOML 1.0 allows "
                    + "\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX", at: start)
        }
    }
}
