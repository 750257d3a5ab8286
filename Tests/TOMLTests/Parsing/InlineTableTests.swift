import TOML
import Testing

@Suite struct InlineTableTests {
    @Test func inlineTablesWithDottedKeysAndNesting() throws {
        let table = try parsed(
            """
            name = { first = "Ada", last = "Lovelace" }
            point = {x=1,y=2}
            empty = {}
            dotted = { type.name = "press", type.id = 7, site = { line = "L1" } }
            array = { values = [1, 2], "quoted key" = true }
            """)
        #expect(
            table == [
                "name": ["first": "Ada", "last": "Lovelace"],
                "point": ["x": 1, "y": 2],
                "empty": [:],
                "dotted": ["type": ["name": "press", "id": 7], "site": ["line": "L1"]],
                "array": ["values": [1, 2], "quoted key": true],
            ])
    }

    @Test func inlineTablesAreWrittenOnOneLine() {
        expectInvalid("a = { x = 1,\n y = 2 }", line: 1, column: 13, reason: "an inline table must be written on one line")
        expectInvalid("a = {\n}", line: 1, column: 6, reason: "an inline table must be written on one line")
        expectInvalid("a = { x = 1 # comment\n}", line: 1, column: 13, reason: "an inline table must be written on one line")
    }

    @Test func valuesInsideAnInlineTableMaySpanLines() throws {
        // Newlines are allowed where the value itself allows them: in arrays and multi-line strings.
        let table = try parsed("a = { list = [\n  1, # one\n  2,\n], text = \"\"\"\nx\ny\"\"\" }")
        #expect(table == ["a": ["list": [1, 2], "text": "x\ny"]])
    }

    @Test func malformedInlineTablesAreRejected() {
        expectInvalid("a = { x = 1, }", line: 1, column: 12, reason: "a trailing comma is not allowed in an inline table")
        expectInvalid("a = { x = 1 y = 2 }", line: 1, column: 13, reason: "expected ',' or '}' after a key-value pair of an inline table, found 'y'")
        expectInvalid("a = { x }", line: 1, column: 9, reason: "expected '=' after the key x, found '}'")
        expectInvalid("a = { , }", line: 1, column: 7, reason: "expected a key, found ','")
        expectInvalid("a = { x = 1", line: 1, column: 12, reason: "found end of file")
    }

    @Test func inlineTablesCannotDefineAKeyTwice() {
        expectInvalid("a = { x = 1, x = 2 }", line: 1, column: 14, reason: "key x is already defined")
        expectInvalid("a = { x.y = 1, x = 2 }", line: 1, column: 16, reason: "key x is already defined (as a table)")
        expectInvalid("a = { x = 1, x.y = 2 }", line: 1, column: 14, reason: "x is already defined as an integer, not a table")
        expectInvalid("a = { x = {}, x.y = 2 }", line: 1, column: 15, reason: "x is an inline table, which cannot be extended")
    }

    @Test func inlineTablesCannotBeExtendedLater() {
        expectInvalid("a = { x = 1 }\na.y = 2", line: 2, column: 1, reason: "a is an inline table, which cannot be extended")
        expectInvalid("a = { x = 1 }\n[a]", line: 2, column: 2, reason: "cannot define table a: the key is already defined as an inline table")
        expectInvalid("a = { x = 1 }\n[a.b]", line: 2, column: 2, reason: "a is an inline table, which cannot be extended")
        expectInvalid("a = { b = { c = 1 } }\n[a.b.d]", line: 2, column: 2, reason: "a is an inline table")
        expectInvalid("a = { x = 1 }\n[[a.b]]", line: 2, column: 3, reason: "a is an inline table")
        expectInvalid("[t]\na = { b = 1 }\n[t.a.c]", line: 3, column: 4, reason: "t.a is an inline table")
    }
}
