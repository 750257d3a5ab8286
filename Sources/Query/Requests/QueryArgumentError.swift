/// A query argument (an HTTP parameter or a command-line option) that does not parse.
public struct QueryArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The argument's name as the caller spells it (`tag`, `--tag`).
    public let argument: String
    /// The text given.
    public let text: String
    /// What is wrong, and what is accepted instead.
    public let reason: String

    public init(argument: String, text: String, reason: String) {
        self.argument = argument
        self.text = text
        self.reason = reason
    }

    public var description: String { "\(argument) '\(text)' \(reason)" }
}
