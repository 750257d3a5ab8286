extension DocumentParser {
    /// Reads a key: bare, quoted or dotted segments with optional whitespace around the dots.
    mutating func parseKey() throws(TOMLError) -> DottedKey {
        var key: DottedKey = []
        while true {
            let start = index
            let name: String
            switch current {
            case UInt8(ascii: "\""):
                guard !lookingAt("\"\"\"") else { throw failure("a key cannot be a multi-line string", at: start) }
                name = try parseBasicString()
            case UInt8(ascii: "'"):
                guard !lookingAt("'''") else { throw failure("a key cannot be a multi-line string", at: start) }
                name = try parseLiteralString()
            case let byte? where isBareKeyByte(byte):
                while let byte = current, isBareKeyByte(byte) { index += 1 }
                name = String(decoding: bytes[start..<index], as: UTF8.self)
            default:
                throw failure("expected a key, found \(foundDescription(at: start))", at: start)
            }
            key.append(KeySegment(name: name, offset: start))
            if key.count > Self.maximumDepth {
                throw failure("a key may have at most \(Self.maximumDepth) dotted parts", at: start)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ".") else { return key }
            index += 1
            skipWhitespace()
        }
    }
}
