import TOML
import Testing

@Suite struct ArrayOfTablesTests {
    @Test func eachHeaderAppendsATable() throws {
        let table = try parsed(
            """
            [[machines]]
            name = "P7"
            ideal_cycle_seconds = 12.5

            [[machines]]

            [[machines]]
            name = "P8"
            """)
        #expect(table == ["machines": [["name": "P7", "ideal_cycle_seconds": 12.5], [:], ["name": "P8"]]])
    }

    @Test func subTablesAndNestedArraysBelongToTheLastElement() throws {
        let table = try parsed(
            """
            [[lines]]
            name = "L1"
              [lines.calendar]
              timezone = "Europe/Berlin"
              [[lines.shifts]]
              name = "early"
              [[lines.shifts]]
              name = "late"
            [[lines]]
            name = "L2"
              [[lines.shifts]]
              name = "night"
            """)
        #expect(
            table == [
                "lines": [
                    ["name": "L1", "calendar": ["timezone": "Europe/Berlin"], "shifts": [["name": "early"], ["name": "late"]]],
                    ["name": "L2", "shifts": [["name": "night"]]],
                ]
            ])
    }

    @Test func implicitParentOfAnArrayOfTablesMayBeDefinedLater() throws {
        let table = try parsed("[[albums.songs]]\nname = \"one\"\n[albums]\ntitle = \"x\"")
        #expect(table == ["albums": ["songs": [["name": "one"]], "title": "x"]])
    }

    @Test func staticArraysCannotBeExtended() {
        expectInvalid("fruits = []\n[[fruits]]", line: 2, column: 3, reason: "fruits is a static array, which [[fruits]] cannot extend")
        expectInvalid("a = [{ b = 1 }]\n[a.c]", line: 2, column: 2, reason: "a is a static array, which a header cannot extend")
        expectInvalid("a = [{ b = 1 }]\n[[a.c]]", line: 2, column: 3, reason: "a is a static array")
    }

    @Test func arraysOfTablesAndTablesDoNotMix() {
        expectInvalid("[[a]]\n[a]", line: 2, column: 2, reason: "a is already an array of tables; use [[a]] to add an element")
        expectInvalid("[a]\n[[a]]", line: 2, column: 3, reason: "cannot define array of tables a: the key is already defined as a table")
        expectInvalid("[a.b]\n[[a]]", line: 2, column: 3, reason: "already defined as a table")
        expectInvalid("[[albums.songs]]\n[[albums]]", line: 2, column: 3, reason: "cannot define array of tables albums")
        expectInvalid("a = 1\n[[a]]", line: 2, column: 3, reason: "the key is already defined as an integer")
        expectInvalid("[[a]]\nb = 1\n[a.b]", line: 3, column: 4, reason: "cannot define table a.b: the key is already defined as an integer")
    }

    @Test func dottedKeysCannotExtendAnArrayOfTables() {
        // [t] defines t after [[t.a]] created it; a dotted key in [t] cannot reach into the array t.a.
        expectInvalid("[[t.a]]\n[t]\na.x = 1", line: 3, column: 1, reason: "t.a is an array of tables, which dotted keys cannot extend")
    }

    @Test func malformedArrayHeadersAreRejected() {
        expectInvalid("[[a]", line: 1, column: 5, reason: "expected ']]' to close the header of a, found end of file")
        expectInvalid("[[a] ]", line: 1, column: 5, reason: "expected ']]' to close the header of a, found ' '")
        expectInvalid("[ [a]]", line: 1, column: 3, reason: "expected a key, found '['")
        expectInvalid("[[]]", line: 1, column: 3, reason: "expected a key, found ']'")
    }
}
