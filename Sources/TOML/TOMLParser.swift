/// Reads TOML 1.0.0 documents (https://toml.io/en/v1.0.0).
///
/// ```swift
/// let config = try TOMLParser.parse(text)
/// let port = try config.table("http")?.integer("port") ?? 8086
/// ```
///
/// Where the specification leaves a choice: a byte order mark at the start is skipped; CR LF in
/// multi-line strings becomes LF, and a carriage return without a line feed is an error everywhere (as
/// the ABNF says); a leap second (`23:59:60`) is accepted; arrays, inline tables and dotted keys may nest
/// at most 100 levels deep; a float literal too large for a `Double` (such as `1e400`) is an error
/// rather than infinity.
public enum TOMLParser {
    /// Parses a document.
    /// - Returns: The root table, keys in document order.
    /// - Throws: `TOMLError.invalidDocument` with the line and column of the first error; no input traps.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = DocumentParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses a document from its bytes, for example a file's contents read as they are.
    /// - Returns: The root table, keys in document order.
    /// - Throws: `TOMLError.invalidDocument` with the line and column of the first error, including a
    ///   byte that is not well-formed UTF-8; no input traps.
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var parser = DocumentParser(bytes: bytes)
        return try parser.parseDocument()
    }
}
