import TOML
import Testing

@Suite struct ArrayTests {
    @Test func arraysOfEachKindAndMixedTypes() throws {
        let table = try parsed(
            """
            integers = [ 1, 2, 3 ]
            colors = [ "red", 'yellow', \"\"\"green\"\"\" ]
            nested = [ [ 1, 2 ], [3, 4, 5] ]
            nestedMixed = [ [ 1, 2 ], ["a", 'b', "c"] ]
            mixed = [ 0.1, 0.2, 0.5, 1, 2, 5, "text", true ]
            tables = [ { x = 1, y = 2 }, { x = 3 }, {} ]
            empty = []
            emptyWithSpace = [ ]
            """)
        #expect(
            table == [
                "integers": [1, 2, 3],
                "colors": ["red", "yellow", "green"],
                "nested": [[1, 2], [3, 4, 5]],
                "nestedMixed": [[1, 2], ["a", "b", "c"]],
                "mixed": [0.1, 0.2, 0.5, 1, 2, 5, "text", true],
                "tables": [["x": 1, "y": 2], ["x": 3], [:]],
                "empty": [],
                "emptyWithSpace": [],
            ])
    }

    @Test func arraysSpanLinesWithCommentsAndATrailingComma() throws {
        let table = try parsed(
            """
            a = [
              1, # first
              2
              , 3,
              # before the end
            ]
            b = [ # open
            ]
            c = [\r\n  "x",\r\n]
            """)
        #expect(table == ["a": [1, 2, 3], "b": [], "c": ["x"]])
    }

    @Test func malformedArraysAreRejected() {
        expectInvalid("a = [1, 2", line: 1, column: 10, reason: "expected ',' or ']' after an array element, found end of file")
        expectInvalid("a = [1 2]", line: 1, column: 8, reason: "expected ',' or ']' after an array element, found '2'")
        expectInvalid("a = [,]", line: 1, column: 6, reason: "expected a value, found ','")
        expectInvalid("a = [1,,2]", line: 1, column: 8, reason: "expected a value, found ','")
        expectInvalid("a = [1,\n2\n", line: 3, column: 1, reason: "found end of file")
        expectInvalid("a = [1] 2", line: 1, column: 9, reason: "expected a newline or a comment")
        expectInvalid("a = [\"x\" # comment \u{01}\n]", line: 1, column: 20, reason: "U+0001 is not allowed in a comment")
        expectInvalid("a = [\"ok\", bad]", line: 1, column: 12, reason: "expected a value, found 'bad'")
    }

    @Test func nestingIsLimitedInsteadOfExhaustingTheStack() throws {
        let deepest = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try parsed("a = \(deepest)").count == 1)
        // The value of a is at depth 1, so the k-th bracket is at depth k: the 101st (column 4 + 101) is too deep.
        expectInvalid("a = " + String(repeating: "[", count: 100_000), line: 1, column: 105, reason: "nested more than 100 levels deep")
        // Each `{b=` adds two levels (the table and its key): the k-th brace is at depth 2k - 1, so the 51st
        // (column 5 + 3 * 50) is the first beyond 100.
        expectInvalid("a = " + String(repeating: "{b=", count: 10_000), line: 1, column: 155, reason: "nested more than 100 levels deep")
    }
}
