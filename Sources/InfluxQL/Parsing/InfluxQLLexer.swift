/// Splits an InfluxQL query into tokens.
enum InfluxQLLexer {
    /// - Throws: ``InfluxQLError`` for an unterminated string, identifier or regex, or a character
    ///   InfluxQL does not use, naming its offset.
    static func tokens(_ query: String) throws(InfluxQLError) -> [InfluxQLToken] {
        let characters = Array(query)
        var tokens: [InfluxQLToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if character.isLetter || character == "_" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" { index += 1 }
                tokens.append(InfluxQLToken(kind: .identifier(String(characters[start..<index]), quoted: false), offset: start))
                continue
            }
            if character.isNumber {
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                let digits = String(characters[start..<index])
                var unitEnd = index
                while unitEnd < characters.count, characters[unitEnd].isLetter { unitEnd += 1 }
                let unit = String(characters[index..<unitEnd])
                if !unit.isEmpty, Self.durationUnits.contains(unit), !digits.contains(".") {
                    tokens.append(InfluxQLToken(kind: .duration(digits + unit), offset: start))
                    index = unitEnd
                } else if !unit.isEmpty {
                    var end = unitEnd
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || "+-.".contains(characters[end]) { end += 1 }
                    throw .syntax(
                        "'\(String(characters[start..<end]))' at offset \(start) is neither a number (InfluxQL writes numbers without exponents) "
                            + "nor a duration (units ns, u, µ, ms, s, m, h, d, w)")
                } else {
                    tokens.append(InfluxQLToken(kind: .number(digits), offset: start))
                }
                continue
            }
            switch character {
            case "\"", "'":
                let text = try quoted(characters, &index, closing: character, what: character == "'" ? "string" : "identifier")
                tokens.append(InfluxQLToken(kind: character == "'" ? .string(text) : .identifier(text, quoted: true), offset: start))
            case "/" where tokens.last.map(Self.endsOperand) ?? false:
                tokens.append(InfluxQLToken(kind: .symbol("/"), offset: start))
                index += 1
            case "/":
                tokens.append(InfluxQLToken(kind: .regex(try quoted(characters, &index, closing: "/", what: "regular expression")), offset: start))
            case "=", "!", "<", ">":
                let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
                let pair = next.map { String([character, $0]) }
                if let pair, ["!=", "<>", "<=", ">=", "=~", "!~"].contains(pair) {
                    tokens.append(InfluxQLToken(kind: .symbol(pair == "<>" ? "!=" : pair), offset: start))
                    index += 2
                } else if character == "!" {
                    throw .syntax("unexpected '!' at offset \(start)")
                } else {
                    tokens.append(InfluxQLToken(kind: .symbol(String(character)), offset: start))
                    index += 1
                }
            case ":":
                guard index + 1 < characters.count, characters[index + 1] == ":" else { throw .syntax("unexpected ':' at offset \(start)") }
                tokens.append(InfluxQLToken(kind: .symbol("::"), offset: start))
                index += 2
            case "+", "-", "*", "(", ")", ",", ";", ".":
                tokens.append(InfluxQLToken(kind: .symbol(String(character)), offset: start))
                index += 1
            default:
                throw .syntax("unexpected '\(character)' at offset \(start)")
            }
        }
        tokens.append(InfluxQLToken(kind: .end, offset: characters.count))
        return tokens
    }

    /// Whether `token` ends an operand, so that a `/` after it divides (`"a" / "b"`,
    /// `mean(v) / 2`); elsewhere `/` opens a regular expression (`=~ /re/`, `FROM /re/`).
    private static func endsOperand(_ token: InfluxQLToken) -> Bool {
        switch token.kind {
        case .number, .duration, .string: true
        case .identifier(let text, let quoted): quoted || !InfluxQLParser.keywords.contains(text.uppercased())
        case .symbol(let symbol): symbol == ")"
        case .regex, .end: false
        }
    }

    static let durationUnits: Set<String> = ["ns", "u", "µ", "us", "µs", "ms", "s", "m", "h", "d", "w"]

    /// The text between `characters[index]` and the next unescaped `closing`; `\` escapes the next
    /// character (kept as `\x` in regular expressions, where it means something).
    private static func quoted(_ characters: [Character], _ index: inout Int, closing: Character, what: String) throws(InfluxQLError) -> String {
        let start = index
        index += 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let escaped = characters[index + 1]
                if closing == "/", escaped != "/" { text.append("\\") }
                text.append(escaped)
                index += 2
                continue
            }
            if character == closing {
                index += 1
                return text
            }
            text.append(character)
            index += 1
        }
        throw .syntax("unterminated \(what) starting at offset \(start)")
    }
}
