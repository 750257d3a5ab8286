/// A regular expression in RE2 syntax (the syntax of Go's `regexp`, which InfluxDB uses), matched
/// in time linear in the text: at most ``maximumProgramSize`` steps per Unicode scalar of text,
/// whatever the pattern, because the matcher simulates the pattern's NFA (Thompson's construction)
/// instead of backtracking. `(a+)+b` against a long run of `a` costs what `a+b` costs.
///
/// Only whether the pattern matches is computed, not where, so greedy and lazy quantifiers are the
/// same here. Text is read as Unicode scalars; `\d`, `\s`, `\w`, `\b` and the POSIX classes are
/// ASCII, as in RE2.
public struct RegularExpression: Sendable {
    /// The most instructions a pattern may compile to. RE2 refuses patterns past a similar budget;
    /// `[0-9a-f]{1,1000}` needs about 2,000.
    public static let maximumProgramSize = 5_000

    /// The pattern as given.
    public let pattern: String
    private let program: [Program.Instruction]

    /// Compiles `pattern`.
    /// - Throws: ``RegularExpressionError`` for invalid syntax, backreferences and look-around
    ///   (which have no linear-time matcher), repeat counts above 1,000, groups nested deeper than
    ///   200, and patterns that compile past ``maximumProgramSize``.
    public init(_ pattern: String) throws(RegularExpressionError) {
        self.pattern = pattern
        program = try Program(PatternParser.parse(pattern), pattern: pattern, limit: Self.maximumProgramSize).instructions
    }

    /// Whether the pattern matches somewhere in `text` (InfluxQL's `=~`).
    public func matchesPart(of text: String) -> Bool {
        run(text, anchored: false)
    }

    /// Whether the pattern matches all of `text`, from its first scalar to its last.
    public func matchesWhole(_ text: String) -> Bool {
        run(text, anchored: true)
    }

    private func run(_ text: String, anchored: Bool) -> Bool {
        var current = ThreadSet(capacity: program.count)
        var next = ThreadSet(capacity: program.count)
        var pending: [Int] = []
        var iterator = text.unicodeScalars.makeIterator()
        var previous: Unicode.Scalar?
        var upcoming = iterator.next()
        var atStart = true
        while true {
            if !anchored || atStart {
                if addThread(0, to: &current, stack: &pending, previous: previous, upcoming: upcoming, anchored: anchored) { return true }
            }
            atStart = false
            guard let scalar = upcoming else { return false }
            if anchored && current.isEmpty { return false }
            let following = iterator.next()
            for index in 0..<current.count {
                let instruction = current.member(at: index)
                guard case .read(let scalars, let foldCase) = program[instruction], scalars.contains(scalar, foldingCase: foldCase) else {
                    continue
                }
                if addThread(instruction + 1, to: &next, stack: &pending, previous: scalar, upcoming: following, anchored: anchored) {
                    return true
                }
            }
            swap(&current, &next)
            next.removeAll()
            previous = scalar
            upcoming = following
        }
    }

    /// Adds `start` and every instruction reachable from it without reading to `set`; returns true
    /// when that reaches a match that counts here (for `anchored`, only at the end of the text).
    private func addThread(
        _ start: Int, to set: inout ThreadSet, stack: inout [Int], previous: Unicode.Scalar?, upcoming: Unicode.Scalar?, anchored: Bool
    ) -> Bool {
        stack.append(start)
        while let instruction = stack.popLast() {
            guard set.insert(instruction) else { continue }
            switch program[instruction] {
            case .read:
                break
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .jump(let target):
                stack.append(target)
            case .assert(let assertion):
                if Self.holds(assertion, previous: previous, upcoming: upcoming) { stack.append(instruction + 1) }
            case .match:
                if !anchored || upcoming == nil {
                    stack.removeAll(keepingCapacity: true)
                    return true
                }
            }
        }
        return false
    }

    private static func holds(_ assertion: PatternNode.Assertion, previous: Unicode.Scalar?, upcoming: Unicode.Scalar?) -> Bool {
        switch assertion {
        case .beginningOfText: previous == nil
        case .endOfText: upcoming == nil
        case .beginningOfLine: previous == nil || previous == "\n"
        case .endOfLine: upcoming == nil || upcoming == "\n"
        case .wordBoundary: isWord(previous) != isWord(upcoming)
        case .notWordBoundary: isWord(previous) == isWord(upcoming)
        }
    }

    private static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, scalar.isASCII else { return false }
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
    }
}

/// A set of instruction indexes with constant-time insert, membership and clear, that keeps the
/// order of insertion (Briggs and Torczon's sparse set, as RE2 uses).
private struct ThreadSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = [Int](repeating: 0, count: capacity)
        sparse = [Int](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }

    func member(at index: Int) -> Int { dense[index] }

    /// Inserts `value`; false when it was there already.
    mutating func insert(_ value: Int) -> Bool {
        let slot = sparse[value]
        if slot < count && dense[slot] == value { return false }
        sparse[value] = count
        dense[count] = value
        count += 1
        return true
    }

    mutating func removeAll() {
        count = 0
    }
}
