import TOML
import Testing

@Suite struct KeyTests {
    @Test func bareKeysUseLettersDigitsUnderscoresAndDashes() throws {
        let table = try parsed("key = 1\nbare_key = 2\nbare-key = 3\n1234 = 4\n-_- = 5")
        #expect(table == ["key": 1, "bare_key": 2, "bare-key": 3, "1234": 4, "-_-": 5])
        #expect(table.keys == ["key", "bare_key", "bare-key", "1234", "-_-"])
    }

    @Test func quotedKeysMayHoldAnything() throws {
        let table = try parsed(
            #"""
            "127.0.0.1" = "a"
            "character encoding" = "b"
            "ʎǝʞ" = "c"
            'key2' = "d"
            'quoted "value"' = "e"
            "tab\there" = "f"
            "" = "g"
            """#)
        #expect(table == ["127.0.0.1": "a", "character encoding": "b", "ʎǝʞ": "c", "key2": "d", "quoted \"value\"": "e", "tab\there": "f", "": "g"])
    }

    @Test func emptyLiteralKeyIsAllowed() throws {
        #expect(try parsed("'' = 1") == ["": 1])
    }

    @Test func dottedKeysCreateNestedTables() throws {
        let table = try parsed(
            """
            name = "Orange"
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            fruit . flavor  .  sweet = 1
            3.14159 = "pi"
            """)
        #expect(
            table == [
                "name": "Orange",
                "physical": ["color": "orange", "shape": "round"],
                "site": ["google.com": true],
                "fruit": ["flavor": ["sweet": 1]],
                "3": ["14159": "pi"],
            ])
    }

    @Test func quotedAndBareKeysAreTheSameKey() {
        expectInvalid("spelling = 1\n\"spelling\" = 2", line: 2, column: 1, reason: "key spelling is already defined")
    }

    @Test func missingKeyOrValueIsRejected() {
        expectInvalid("= \"no key\"", line: 1, column: 1, reason: "expected a key, found '='")
        expectInvalid("key = # no value", line: 1, column: 7, reason: "expected a value, found '#'")
        expectInvalid("key =", line: 1, column: 6, reason: "expected a value, found end of file")
        expectInvalid("key", line: 1, column: 4, reason: "expected '=' after the key key, found end of file")
        expectInvalid("key\n= 1", line: 1, column: 4, reason: "found end of line")
    }

    @Test func invalidKeysAreRejected() {
        expectInvalid("a.b. = 1", line: 1, column: 6, reason: "expected a key, found '='")
        expectInvalid(".a = 1", line: 1, column: 1, reason: "expected a key, found '.'")
        expectInvalid("a..b = 1", line: 1, column: 3, reason: "expected a key, found '.'")
        expectInvalid("a b = 1", line: 1, column: 3, reason: "expected '=' after the key a, found 'b'")
        expectInvalid("é = 1", line: 1, column: 1, reason: "expected a key, found 'é'")
        expectInvalid("\"\"\"long\"\"\" = 1", line: 1, column: 1, reason: "a key cannot be a multi-line string")
        expectInvalid("'''long''' = 1", line: 1, column: 1, reason: "a key cannot be a multi-line string")
        expectInvalid("\"open = 1", line: 1, column: 1, reason: "unterminated string")
    }

    @Test func keysWithTooManyPartsAreRejected() throws {
        let hundred = Array(repeating: "k", count: 100).joined(separator: ".")
        #expect(try parsed("\(hundred) = 1").count == 1)
        // The 101st part starts after 100 parts of "k." (2 characters each): column 201.
        expectInvalid("\(hundred).k = 1", line: 1, column: 201, reason: "at most 100 dotted parts")
    }
}
