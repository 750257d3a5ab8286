extension DocumentParser {
    /// Reads a key: bare or quoted segments joined by dots, with optional whitespace around the dots.
    mutating func parseKey() throws(TOMLError) -> DottedKey {
        var key = DottedKey(try parseKeySegment())
        skipWhitespace()
        while current == UInt8(ascii: ".") {
            index += 1
            skipWhitespace()
            let segment = try parseKeySegment()
            guard key.count < Self.maximumDepth else {
                throw failure("a key may have at most \(Self.maximumDepth) dotted parts", at: segment.offset)
            }
            key.append(segment)
            skipWhitespace()
        }
        return key
    }

    /// Reads one segment: a bare key, a basic string or a literal string (not a multi-line one).
    private mutating func parseKeySegment() throws(TOMLError) -> DottedKey.Segment {
        let start = index
        switch current {
        case UInt8(ascii: "\""):
            guard !lookingAt("\"\"\"") else { throw failure("a key cannot be a multi-line string", at: start) }
            return DottedKey.Segment(name: try parseBasicString(), offset: start)
        case UInt8(ascii: "'"):
            guard !lookingAt("'''") else { throw failure("a key cannot be a multi-line string", at: start) }
            return DottedKey.Segment(name: try parseLiteralString(), offset: start)
        case let byte? where isBareKeyByte(byte):
            while let byte = current, isBareKeyByte(byte) { index += 1 }
            return DottedKey.Segment(name: String(decoding: bytes[start..<index], as: UTF8.self), offset: start)
        default:
            throw failure("expected a key, found \(foundDescription(at: start))", at: start)
        }
    }
}
