/// A token of an InfluxQL query, with its offset in the query text (for error messages).
struct InfluxQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A bare word or a double-quoted identifier; `quoted` keeps `"select"` from being a keyword.
        case identifier(String, quoted: Bool)
        /// A single-quoted string.
        case string(String)
        /// An integer or decimal number, as written.
        case number(String)
        /// An integer followed by a duration unit: `10s`, `1704067200000ms`.
        case duration(String)
        /// `/.../`.
        case regex(String)
        /// `=`, `!=` (also written `<>`), `<`, `<=`, `>`, `>=`, `=~`, `!~`, `+`, `-`, `*`, `/`, `(`, `)`, `,`, `;`, `.`, `::`.
        case symbol(String)
        case end
    }

    let kind: Kind
    /// Character offset of the token's first character in the query.
    let offset: Int

    /// True for the keyword `word` (case-insensitive, unquoted).
    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let text, quoted: false) = kind { return text.lowercased() == word.lowercased() }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// How the token reads in an error message.
    var text: String {
        switch kind {
        case .identifier(let text, let quoted): quoted ? "\"\(text)\"" : text
        case .string(let text): "'\(text)'"
        case .number(let text), .duration(let text), .symbol(let text): text
        case .regex(let text): "/\(text)/"
        case .end: "end of query"
        }
    }
}
