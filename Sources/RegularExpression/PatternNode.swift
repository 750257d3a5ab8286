/// A parsed pattern: what the compiler turns into a ``Program``.
indirect enum PatternNode: Sendable, Equatable {
    /// Zero-width tests of the position.
    enum Assertion: Sendable, Equatable {
        case beginningOfText, endOfText, beginningOfLine, endOfLine, wordBoundary, notWordBoundary
    }

    case empty
    /// One scalar from the class; `foldCase` also accepts the other case of the scalar read.
    case scalars(ScalarClass, foldCase: Bool)
    case assertion(Assertion)
    case concatenation([PatternNode])
    case alternation([PatternNode])
    /// `minimum` to `maximum` (nil: unbounded) repeats of the node.
    case repetition(PatternNode, minimum: Int, maximum: Int?)
}
