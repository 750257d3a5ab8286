/// An error raised while reading a TOML document or one of its values.
///
/// The description is meant to be shown to the user as it is: a parse error says where (1-based line and
/// column, columns counted in Unicode scalars) and what was expected or found; a type error names the
/// dotted key path and the expected and found types.
public enum TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a valid TOML 1.0 document. `line` and `column` are 1-based and point at the first
    /// character at fault; `reason` says what was expected and what was found.
    case invalidDocument(line: Int, column: Int, reason: String)
    /// A value exists but has the wrong type for the accessor that read it, e.g. `keyPath`
    /// `limits.max_body_bytes`, `expected` "an integer", `found` "a string".
    case typeMismatch(keyPath: String, expected: String, found: String)
    /// A table holds a key its reader does not know, most often a misspelling: `keyPath` is the full
    /// path of that key and `known` lists the keys the reader accepts there.
    case unknownKey(keyPath: String, known: [String])

    public var description: String {
        switch self {
        case .invalidDocument(let line, let column, let reason):
            return "line \(line), column \(column): \(reason)"
        case .typeMismatch(let keyPath, let expected, let found):
            return "\(keyPath): expected \(expected), found \(found)"
        case .unknownKey(let keyPath, let known):
            let choices = known.isEmpty ? "this table takes no keys" : "known keys are \(known.joined(separator: ", "))"
            return "\(keyPath): unknown key (\(choices))"
        }
    }
}
