/// Why a pattern was refused: it is not valid RE2 syntax, uses a construct that cannot be matched
/// in linear time (backreferences, look-around), or compiles to more than the size limit.
public struct RegularExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    /// The offset in Unicode scalars of the character where the problem was found.
    public let offset: Int
    /// What is wrong, in words.
    public let reason: String

    public init(pattern: String, offset: Int, reason: String) {
        self.pattern = pattern
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "\(reason) at offset \(offset) of /\(pattern)/"
    }
}
