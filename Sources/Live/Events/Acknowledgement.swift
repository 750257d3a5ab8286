/// Who acknowledged an event, when, and what they found and did.
public struct Acknowledgement: Sendable, Equatable, Codable {
    /// The token's name, or `anonymous` without tokens.
    public var by: String
    /// When (ns).
    public var at: Int64
    /// The assignable cause found.
    public var cause: String
    /// The corrective action taken.
    public var action: String
    /// Free text.
    public var comment: String
}
