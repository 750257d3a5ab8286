import Time

/// A revision of a definition kept over HTTP (a chart, a machine): its number and who made it,
/// when and why.
public protocol DefinitionRevision {
    /// From 1.
    var revision: Int { get }
    /// The token's name, or `anonymous` without tokens.
    var author: String { get }
    /// When (ns since the Unix epoch).
    var at: Int64 { get }
    /// Why, as the author said.
    var reason: String? { get }
    /// True for the revision that deleted the definition.
    var deleted: Bool { get }
}

extension DefinitionRevision {
    /// The revision's entry in a `revisions` list: `revision`, `author`, `at` (RFC 3339), `reason`, `deleted`.
    public var historyEntry: JSONValue {
        .object([
            "revision": .integer(Int64(revision)), "author": .string(author), "at": .string(RFC3339.format(at)),
            "reason": reason.map { .string($0) } ?? .null, "deleted": .bool(deleted),
        ])
    }
}
