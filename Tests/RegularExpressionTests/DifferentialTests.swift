import RegularExpression
import TestSupport
import Testing

/// Random patterns and texts, matched by ``RegularExpression`` and by Swift's own backtracking
/// `Regex`, which agree with RE2 on this subset (ASCII texts without newlines): the answers must
/// be the same, for whole matches and for matches anywhere.
@Suite struct DifferentialTests {
    static func pattern(_ generator: inout SplitMix64, depth: Int = 0) -> String {
        var text = ""
        for _ in 0...generator.below(3) {
            var atom: String
            var repeatable = true
            switch generator.below(depth < 2 ? 10 : 8) {
            case 0, 1, 2: atom = ["a", "b", "c"][generator.below(3)]
            case 3: atom = "."
            case 4: atom = ["[ab]", "[^a]", "[a-c]", "\\w", "\\s", "[ ]"][generator.below(6)]
            case 5:
                atom = ["^", "$", "\\b", "\\B"][generator.below(4)]
                repeatable = false
            case 6, 7: atom = "a"
            default:
                let inner = pattern(&generator, depth: depth + 1)
                atom = generator.below(2) == 0 ? "(\(inner))" : "(?:\(inner)|\(pattern(&generator, depth: depth + 1)))"
            }
            if repeatable { atom += ["", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?"][generator.below(9)] }
            text += atom
        }
        return text
    }

    static func text(_ generator: inout SplitMix64) -> String {
        String((0..<generator.below(9)).map { _ in ["a", "b", "c", " "][generator.below(4)] as Character })
    }

    @Test func agreesWithSwiftRegexOnRandomPatterns() throws {
        var generator = SplitMix64(seed: 20_261_207)
        var compared = 0
        for _ in 0..<1_500 {
            let pattern = Self.pattern(&generator)
            let linear = try RegularExpression(pattern)
            // RE2's \b is the ASCII word boundary, Swift's default the Unicode one.
            let reference = try Regex(pattern).wordBoundaryKind(.simple)
            for _ in 0..<12 {
                let text = Self.text(&generator)
                let expectedWhole = (try reference.wholeMatch(in: text)) != nil
                let expectedPart = (try reference.firstMatch(in: text)) != nil
                #expect(linear.matchesWhole(text) == expectedWhole, "/\(pattern)/ whole '\(text)'")
                #expect(linear.matchesPart(of: text) == expectedPart, "/\(pattern)/ part '\(text)'")
                compared += 1
            }
        }
        #expect(compared == 18_000)
    }
}

extension SplitMix64 {
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
