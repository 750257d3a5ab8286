import TOML
import Testing

/// The rules of TOML 1.0 against defining anything twice, one test per rule.
@Suite struct DefinitionRuleTests {
    @Test func aKeyCannotBeDefinedTwice() {
        expectInvalid("name = \"a\"\nname = \"b\"", line: 2, column: 1, reason: "key name is already defined (as a string)")
        expectInvalid("[t]\nx = 1\nx = 1", line: 3, column: 1, reason: "key t.x is already defined")
        expectInvalid("a.b = 1\na.b = 2", line: 2, column: 3, reason: "key a.b is already defined")
    }

    @Test func aValueCannotBecomeATable() {
        expectInvalid("a.b = 1\na.b.c = 2", line: 2, column: 3, reason: "a.b is already defined as an integer, not a table")
        expectInvalid("a = 1\n[a]", line: 2, column: 2, reason: "cannot define table a: the key is already defined as an integer")
        expectInvalid("a = 1\n[a.b]", line: 2, column: 2, reason: "a is already defined as an integer, not a table")
    }

    @Test func aTableCannotBecomeAValue() {
        expectInvalid("a.b = 1\na = 2", line: 2, column: 1, reason: "key a is already defined (as a table)")
        expectInvalid("[a.b]\n[a]\nb = 1", line: 3, column: 1, reason: "key a.b is already defined (as a table)")
    }

    @Test func aTableCannotBeDefinedTwiceByHeaders() {
        expectInvalid(
            "[fruit]\napple = 1\n[fruit]\norange = 2", line: 3, column: 2, reason: "table fruit is already defined by an earlier [fruit] header")
        expectInvalid("[a]\n[a.b]\n[a]", line: 3, column: 2, reason: "table a is already defined")
        expectInvalid("[a.b]\n[a]\n[a]", line: 3, column: 2, reason: "table a is already defined")
        expectInvalid("[a.b]\n[a.b]", line: 2, column: 4, reason: "table a.b is already defined")
    }

    @Test func aHeaderCannotDefineATableMadeByDottedKeys() {
        expectInvalid(
            "[fruit]\napple.color = \"red\"\n[fruit.apple]", line: 3, column: 8, reason: "table fruit.apple is already defined by dotted keys")
        expectInvalid("[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]", line: 3, column: 14, reason: "already defined by dotted keys")
        expectInvalid("a.b = 1\n[a]", line: 2, column: 2, reason: "table a is already defined by dotted keys")
    }

    @Test func dottedKeysCannotExtendATableDefinedByAHeader() {
        expectInvalid("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", line: 4, column: 3, reason: "table a.b.c is defined by a [a.b.c] header")
        expectInvalid("[a.b.c.d]\nz = 9\n[a]\nb.c.d.k = 1", line: 4, column: 5, reason: "a.b.c.d is defined by a [a.b.c.d] header")
    }

    @Test func dottedKeysCannotReopenParentsMadeIntoDottedTables() {
        // In [a], `b.y` turns the parent a.b (created by [a.b.c]) into a dotted-key table of that section,
        // so a later [a.b] header may not define it.
        expectInvalid("[a.b.c]\n[a]\nb.y = 2\n[a.b]", line: 4, column: 4, reason: "table a.b is already defined by dotted keys")
    }

    @Test func dottedTablesAreClosedWhenTheirSectionEnds() {
        // x.y is made by dotted keys in the first [[t]] element; each element is a new table, so the second
        // element starts afresh, while the first element's x.y stays closed to headers.
        #expect((try? TOMLParser.parse("[[t]]\nx.y = 1\n[[t]]\nx.y = 2")) == ["t": [["x": ["y": 1]], ["x": ["y": 2]]]])
        expectInvalid("[[t]]\nx.y = 1\n[t.x]", line: 3, column: 4, reason: "table t.x is already defined by dotted keys")
    }
}
