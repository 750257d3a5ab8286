/// One revision of an OEE machine definition stored over HTTP (`POST /api/v1/oee/machines`): the
/// definition document as accepted, who made it, when and why. Every change makes a new revision;
/// old ones stay readable. The document is checked by its reader (the daemon's machine parser)
/// before it is stored.
public struct MachineRevision: Sendable, Equatable, Codable, DefinitionRevision {
    /// The machine's name, unique among the machines.
    public var name: String
    /// From 1.
    public var revision: Int
    /// The definition as a JSON object, in the keys of `POST /api/v1/oee/machines` (docs/oee.md).
    public var definition: JSONValue
    /// The token's name, or `anonymous` without tokens.
    public var author: String
    /// When (ns since the Unix epoch).
    public var at: Int64
    /// Why, as the author said.
    public var reason: String?
    /// True for the revision that deleted the machine (its definition is the last one's).
    public var deleted: Bool

    public init(name: String, revision: Int, definition: JSONValue, author: String, at: Int64, reason: String?, deleted: Bool) {
        self.name = name
        self.revision = revision
        self.definition = definition
        self.author = author
        self.at = at
        self.reason = reason
        self.deleted = deleted
    }
}
