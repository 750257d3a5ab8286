import TOML
import Testing

@Suite struct TableTests {
    @Test func headersOpenTablesAndKeysGoIntoTheLastOne() throws {
        let table = try parsed(
            """
            title = "root"

            [server]
            host = "127.0.0.1"
            port = 8086

            [limits]
            max_body_bytes = 10_000_000
            """)
        #expect(
            table == [
                "title": "root",
                "server": ["host": "127.0.0.1", "port": 8086],
                "limits": ["max_body_bytes": 10_000_000],
            ])
    }

    @Test func headersWithDottedQuotedAndSpacedKeys() throws {
        let table = try parsed(
            """
            [dog."tater.man"]
            type.name = "pug"
            [ a . b . c ]
            x = 1
            [ d.'e f' ]
            [ "" ]
            """)
        #expect(
            table == [
                "dog": ["tater.man": ["type": ["name": "pug"]]],
                "a": ["b": ["c": ["x": 1]]],
                "d": ["e f": [:]],
                "": [:],
            ])
    }

    @Test func parentTablesAreCreatedAndMayBeDefinedLaterOnce() throws {
        let table = try parsed(
            """
            [x.y.z.w]
            a = 1
            [x]
            b = 2
            [x.y]
            c = 3
            """)
        #expect(table == ["x": ["y": ["z": ["w": ["a": 1]], "c": 3], "b": 2]])
    }

    @Test func tablesMayBeDefinedOutOfOrder() throws {
        let table = try parsed("[fruit.apple]\n[animal]\n[fruit.orange]")
        #expect(table == ["fruit": ["apple": [:], "orange": [:]], "animal": [:]])
        #expect(table.keys == ["fruit", "animal"])
    }

    @Test func subTablesMayBeAddedToTablesMadeByDottedKeys() throws {
        let table = try parsed(
            """
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        #expect(table == ["fruit": ["apple": ["color": "red", "taste": ["sweet": true], "texture": ["smooth": true]]]])
    }

    @Test func dottedKeysMayEnterParentsCreatedByHeaders() throws {
        // [a.b.c] creates a.b without defining it, so dotted keys in [a] may add to it.
        let table = try parsed("[a.b.c]\nz = 1\n[a]\nb.y = 2")
        #expect(table == ["a": ["b": ["c": ["z": 1], "y": 2]]])
    }

    @Test func malformedHeadersAreRejected() {
        expectInvalid("[a", line: 1, column: 3, reason: "expected ']' to close the header of a, found end of file")
        expectInvalid("[a]]", line: 1, column: 4, reason: "expected a newline or a comment after the header [a], found ']'")
        expectInvalid("[]", line: 1, column: 2, reason: "expected a key, found ']'")
        expectInvalid("[a.]", line: 1, column: 4, reason: "expected a key, found ']'")
        expectInvalid("[a b]", line: 1, column: 4, reason: "expected ']' to close the header of a, found 'b'")
        expectInvalid("[a] b = 1", line: 1, column: 5, reason: "expected a newline or a comment after the header [a], found 'b'")
        expectInvalid("[a\n]", line: 1, column: 3, reason: "found end of line")
    }
}
