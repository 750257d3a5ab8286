import Historian

/// A line (or CSV cell) of an input that was not stored, with where and why.
public struct RejectedLine: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the input.
    public var line: Int
    /// 1-based byte column, when known.
    public var column: Int?
    /// What was wrong, for people.
    public var reason: String

    /// Creates a rejection.
    public init(line: Int, column: Int?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        column.map { "line \(line), column \($0): \(reason)" } ?? "line \(line): \(reason)"
    }
}
