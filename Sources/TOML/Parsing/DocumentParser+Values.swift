extension DocumentParser {
    /// Reads one value at nesting `depth` (the number of tables and arrays around it).
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= Self.maximumDepth else {
            throw failure("values are nested more than \(Self.maximumDepth) levels deep", at: index)
        }
        guard let byte = current else {
            throw failure("expected a value, found end of file", at: index)
        }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(lookingAt("\"\"\"") ? try parseMultilineBasicString() : try parseBasicString())
        case UInt8(ascii: "'"):
            return .string(lookingAt("'''") ? try parseMultilineLiteralString() : try parseLiteralString())
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth + 1)
        case _ where lookingAt("true") && !isBareKeyByteAt(index + 4):
            index += 4
            return .boolean(true)
        case _ where lookingAt("false") && !isBareKeyByteAt(index + 5):
            index += 5
            return .boolean(false)
        case _ where isAtDate:
            return try parseDateOrDateTime()
        case _ where isAtTime:
            return .localTime(try parseTime())
        case _ where isBareKeyByte(byte) || byte == UInt8(ascii: "+"):
            return try parseNumber()
        default:
            throw failure("expected a value, found \(foundDescription(at: index))", at: index)
        }
    }

    /// Reads `[...]`: values of any types separated by commas, with an optional trailing comma, and
    /// newlines and comments anywhere between them.
    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            elements.append(try parseValue(depth: depth))
            try skipWhitespaceCommentsAndNewlines()
            switch current {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw failure("expected ',' or ']' after an array element, found \(foundDescription(at: index))", at: index)
            }
        }
    }

    /// Reads `{ key = value, ... }` on one line, without a trailing comma. Dotted keys inside create
    /// tables within it; the result can never be extended.
    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        index += 1
        let table = TableNode(origin: .root)
        let section = builder.makeSectionIdentifier()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .table(table.makeTable())
        }
        while true {
            skipWhitespace()
            try rejectNewlineInInlineTable()
            let (key, value) = try parseKeyValue(depth: depth)
            do {
                try DocumentBuilder.insert(key, value: value, into: table, section: section, path: "")
            } catch {
                throw failure(error.reason, at: error.offset)
            }
            skipWhitespace()
            try rejectNewlineInInlineTable()
            switch current {
            case UInt8(ascii: ","):
                let comma = index
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    throw failure("a trailing comma is not allowed in an inline table", at: comma)
                }
            case UInt8(ascii: "}"):
                index += 1
                return .table(table.makeTable())
            default:
                throw failure(
                    "expected ',' or '}' after a key-value pair of an inline table, found \(foundDescription(at: index))",
                    at: index)
            }
        }
    }

    private func rejectNewlineInInlineTable() throws(TOMLError) {
        if current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") || current == UInt8(ascii: "#") {
            throw failure(
                "an inline table must be written on one line, without comments, found \(foundDescription(at: index))",
                at: index)
        }
    }

    private func isBareKeyByteAt(_ offset: Int) -> Bool {
        offset < bytes.count && isBareKeyByte(bytes[offset])
    }
}
