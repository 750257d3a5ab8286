import RegularExpression
import Testing

@Suite struct RegularExpressionTests {
    private func whole(_ pattern: String, _ text: String) throws -> Bool {
        try RegularExpression(pattern).matchesWhole(text)
    }

    private func part(_ pattern: String, _ text: String) throws -> Bool {
        try RegularExpression(pattern).matchesPart(of: text)
    }

    @Test func literalsClassesAndQuantifiers() throws {
        #expect(try whole("M[0-9]+", "M12"))
        #expect(try !whole("M[0-9]+", "M12x"))
        #expect(try part("M[0-9]+", "line M12x"))
        #expect(try whole("a{2,3}", "aaa"))
        #expect(try !whole("a{2,3}", "aaaa"))
        #expect(try whole("a{2,}", "aaaaaa"))
        #expect(try whole("(ab|cd){2}", "abcd"))
        #expect(try whole("x{,3}", "x{,3}"), "a brace that starts no repeat is a literal, as in RE2")
        #expect(try whole("colou?r", "color") && whole("colou?r", "colour"))
        #expect(try whole("a*?b+?c??", "aabbc"), "lazy quantifiers match the same texts")
        #expect(try whole("[^a-c]x", "dx") && !whole("[^a-c]x", "bx"))
        #expect(try whole("[]a]+", "]a]"))
        #expect(try whole("[a-]+", "a-a"))
        #expect(try whole("", ""))
        #expect(try part("", "anything"))
        #expect(try whole("a|", "") && whole("a|", "a"))
    }

    @Test func anchorsAndBoundaries() throws {
        #expect(try part("^L1$", "L1"))
        #expect(try !part("^L1$", "L12"))
        #expect(try !part("^L1$", "L1\n"), "$ is the end of the text without (?m), as in RE2")
        #expect(try part("(?m)^b$", "a\nb\nc"))
        #expect(try !part("^b$", "a\nb\nc"))
        #expect(try part("\\bpump\\b", "the pump runs"))
        #expect(try !part("\\bpump\\b", "pumps"))
        #expect(try part("\\Bump", "pumps"))
        #expect(try part("\\Aab\\z", "ab") && !part("\\Aab\\z", "abc"))
    }

    @Test func escapesAndNamedClasses() throws {
        #expect(try whole("\\d+\\.\\d*", "12.5"))
        #expect(try whole("\\w+\\s\\W", "ab_9 !"))
        #expect(try !whole("\\d", "٣"), "\\d is ASCII only, as in RE2")
        #expect(try whole("[[:alpha:]][[:digit:]][[:^space:]]", "a1x"))
        #expect(try whole("\\pL+\\p{Nd}", "Größe7"))
        #expect(try whole("\\PL", "7") && !whole("\\PL", "x"))
        #expect(try whole("[\\p{Lu}\\d]+", "AB12") && !whole("[\\p{Lu}\\d]+", "Ab"))
        #expect(try whole("\\x41\\x{263a}\\101\\t", "A☺A\t"))
        #expect(try whole("\\Q(a+)*\\E", "(a+)*"))
        #expect(try whole("a\\.b\\[c\\]", "a.b[c]"))
        #expect(try whole("[\\d\\-x]+", "1-x"))
    }

    @Test func flagsAndGroups() throws {
        #expect(try whole("(?i)pump", "PuMp"))
        #expect(try whole("(?i:p)ump", "Pump") && !whole("(?i:p)ump", "PUMP"))
        #expect(try whole("(?i)[^a]", "b") && !whole("(?i)[^a]", "A"), "case folds before the negation")
        #expect(try whole("(?i)stra(ß|ss)e", "STRASSE"))
        #expect(try !whole("a.c", "a\nc"))
        #expect(try whole("(?s)a.c", "a\nc"))
        #expect(try whole("(?P<line>L\\d)-(?<cell>C\\d)", "L1-C2"))
        #expect(try whole("(?:ab)+", "abab"))
        #expect(try whole("(?i)a(?-i)b", "Ab") && !whole("(?i)a(?-i)b", "AB"))
    }

    /// The patterns that stop backtracking matchers: each takes time linear in the text here. A
    /// backtracking matcher would need about 2^100,000 steps for the first.
    @Test func pathologicalPatternsAreLinear() throws {
        let long = String(repeating: "a", count: 100_000)
        #expect(try !part("(a+)+b", long))
        #expect(try !whole("(a|aa)*c", long))
        #expect(try !part("(a*)*b", long))
        #expect(try !whole("(x+x+)+y", String(repeating: "x", count: 50_000)))
        #expect(try whole("(a+)+", long))
        #expect(try !part("(.*a){20}b", long))
    }

    @Test func refusesWhatCannotBeMatchedInLinearTime() {
        func reason(_ pattern: String) -> String {
            do {
                _ = try RegularExpression(pattern)
                return "compiled"
            } catch {
                return error.description
            }
        }
        #expect(reason("(a)\\1").contains("backreferences"))
        #expect(reason("a(?=b)").contains("look-around"))
        #expect(reason("a(?!b)").contains("look-around"))
        #expect(reason("(?<=a)b").contains("look-around"))
        #expect(reason("a{1001}").contains("repeat count"))
        #expect(reason("a{3,2}").contains("repeat count"))
        #expect(reason("((a{1000}){1000})").contains("pattern too large"))
        #expect(reason(String(repeating: "(", count: 300) + String(repeating: ")", count: 300)).contains("nested deeper than 200"))
        #expect(reason("(a").contains("missing closing )"))
        #expect(reason("a)").contains("unexpected ')'"))
        #expect(reason("[a").contains("missing closing ]"))
        #expect(reason("[z-a]").contains("invalid character class range"))
        #expect(reason("*a").contains("missing argument"))
        #expect(reason("a**").contains("nested repetition"))
        #expect(reason("\\q").contains("invalid escape"))
        #expect(reason("a\\").contains("trailing backslash"))
        #expect(reason("\\p{Greek}").contains("unknown Unicode class"))
        #expect(reason("(?z)a").contains("invalid or unsupported Perl syntax"))
        #expect(reason("ab(?=c)") == "look-around is not supported (it cannot be matched in linear time) at offset 2 of /ab(?=c)/")
    }
}
