/// Reads a TOML 1.0 document from its UTF-8 bytes: a recursive descent over the grammar of
/// https://toml.io/en/v1.0.0, building the tables with ``DocumentBuilder``.
struct DocumentParser {
    /// Arrays, inline tables and key segments nested deeper than this are refused, so that no input can
    /// exhaust the stack of the parser or of the recursive value types it builds.
    static let maximumDepth = 100

    let bytes: [UInt8]
    var index = 0
    var builder = DocumentBuilder()
    /// The depth of the current table: the number of segments of the last header.
    var currentDepth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte at the read position, nil at the end.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte `distance` after the read position, nil past the end.
    func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    /// Whether the bytes at the read position are the UTF-8 bytes of `text`.
    func lookingAt(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if let offset = firstInvalidUTF8Offset(in: bytes) {
            throw failure("the document is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))", at: offset)
        }
        // A byte order mark is tolerated at the very start, as editors on Windows write one.
        if lookingAt("\u{FEFF}") { index += 3 }
        while true {
            skipWhitespace()
            guard let byte = current else { break }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try expectEndOfLine(after: "")
            case UInt8(ascii: "["):
                try parseTableHeader()
            default:
                let (key, value) = try parseKeyValue(depth: currentDepth)
                do {
                    try builder.insert(key, value: value)
                } catch {
                    throw failure(error.reason, at: error.offset)
                }
                try expectEndOfLine(after: "after the value of \(key.displayed)")
            }
        }
        return builder.root.makeTable()
    }

    /// Reads `[key]` or `[[key]]` and makes its table the current one.
    mutating func parseTableHeader() throws(TOMLError) {
        index += 1
        let isArrayOfTables = current == UInt8(ascii: "[")
        if isArrayOfTables { index += 1 }
        skipWhitespace()
        let key = try parseKey()
        skipWhitespace()
        let closing = isArrayOfTables ? "]]" : "]"
        for _ in closing.utf8 {
            guard current == UInt8(ascii: "]") else {
                throw failure("expected '\(closing)' to close the header of \(key.displayed), found \(foundDescription(at: index))", at: index)
            }
            index += 1
        }
        do {
            if isArrayOfTables {
                try builder.openArrayOfTables(key)
            } else {
                try builder.openTable(key)
            }
        } catch {
            throw failure(error.reason, at: error.offset)
        }
        currentDepth = key.count
        try expectEndOfLine(after: "after the header [\(isArrayOfTables ? "[" : "")\(key.displayed)\(closing)")
    }

    /// Reads `key = value`, the value nested at `depth` plus the key's segments.
    mutating func parseKeyValue(depth: Int) throws(TOMLError) -> (DottedKey, TOMLValue) {
        let key = try parseKey()
        skipWhitespace()
        guard current == UInt8(ascii: "=") else {
            throw failure("expected '=' after the key \(key.displayed), found \(foundDescription(at: index))", at: index)
        }
        index += 1
        skipWhitespace()
        let value = try parseValue(depth: depth + key.count)
        return (key, value)
    }

    // MARK: - Whitespace, comments and newlines

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { index += 1 }
    }

    /// Skips whitespace, comments and newlines, as allowed between the elements of an array.
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while true {
            skipWhitespace()
            switch current {
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try skipNewline()
            default:
                return
            }
        }
    }

    /// After a header, a key-value pair or a blank: optional whitespace and comment, then a newline or
    /// the end of the document. `context` completes the message ("after the value of port").
    mutating func expectEndOfLine(after context: String) throws(TOMLError) {
        skipWhitespace()
        if current == UInt8(ascii: "#") { try skipComment() }
        guard current != nil else { return }
        guard current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") else {
            let place = context.isEmpty ? "" : " \(context)"
            throw failure("expected a newline or a comment\(place), found \(foundDescription(at: index))", at: index)
        }
        try skipNewline()
    }

    /// Skips a comment up to (not including) its end of line; control characters other than tab are
    /// not allowed in it.
    mutating func skipComment() throws(TOMLError) {
        index += 1
        while let byte = current, byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") { return }
            if isForbiddenControl(byte) {
                throw failure("\(foundDescription(at: index)) is not allowed in a comment", at: index)
            }
            index += 1
        }
    }

    /// Skips LF or CR LF; a carriage return alone is an error.
    mutating func skipNewline() throws(TOMLError) {
        if current == UInt8(ascii: "\r") {
            guard peek(1) == UInt8(ascii: "\n") else {
                throw failure("expected a line feed after a carriage return, found \(foundDescription(at: index + 1))", at: index)
            }
            index += 1
        }
        index += 1
    }

    // MARK: - Errors

    /// A parse error at byte `offset`, with the 1-based line and column (in Unicode scalars) of that byte.
    func failure(_ reason: String, at offset: Int) -> TOMLError {
        let end = min(offset, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[0..<end] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .invalidDocument(line: line, column: column, reason: reason)
    }

    /// What is at byte `offset`, for "found ..." in messages: a quoted character, "end of line",
    /// "end of file" or a control character by its code point.
    func foundDescription(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n")) {
            return "end of line"
        }
        if isForbiddenControl(byte) {
            return "control character U+\(paddedDigits(Int(byte), radix: 16, count: 4))"
        }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[offset..<end], as: UTF8.self))'"
    }
}
