import TOML
import Testing

@Suite struct BooleanTests {
    @Test func trueAndFalse() throws {
        #expect(try parsed("a = true\nb = false\nc = [true,false]") == ["a": true, "b": false, "c": [true, false]])
    }

    @Test func otherSpellingsAreRejected() {
        expectInvalid("a = True", line: 1, column: 5, reason: "expected a value, found 'True'")
        expectInvalid("a = tru", line: 1, column: 5, reason: "expected a value, found 'tru'")
        expectInvalid("a = falsey", line: 1, column: 5, reason: "expected a value, found 'falsey'")
        expectInvalid("a = yes", line: 1, column: 5, reason: "strings need quotes")
    }
}
