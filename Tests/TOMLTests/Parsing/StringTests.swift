import TOML
import Testing

@Suite struct StringTests {
    @Test func basicStringEscapes() throws {
        let table = try parsed(
            #"""
            all = "b\b t\t n\n f\f r\r q\" s\\ u\u00E9 U\U0001F525"
            path = "C:\\Users\\histd"
            empty = ""
            tab = "a	b"
            unicode = "Überdruck ≥ 3 bar"
            """#)
        #expect(
            table == [
                "all": "b\u{08} t\u{09} n\u{0A} f\u{0C} r\u{0D} q\" s\\ u\u{E9} U\u{1F525}",
                "path": "C:\\Users\\histd",
                "empty": "",
                "tab": "a\tb",
                "unicode": "Überdruck ≥ 3 bar",
            ])
    }

    @Test func unicodeEscapesAtTheLimits() throws {
        let table = try parsed(
            #"""
            nul = "\u0000"
            lastBeforeSurrogates = "\uD7FF"
            firstAfterSurrogates = "\uE000"
            last = "\U0010FFFF"
            lowercaseHex = "\u00e9"
            """#)
        #expect(
            table == [
                "nul": "\u{0}", "lastBeforeSurrogates": "\u{D7FF}", "firstAfterSurrogates": "\u{E000}", "last": "\u{10FFFF}", "lowercaseHex": "é",
            ])
    }

    @Test func invalidEscapesAreRejected() {
        expectInvalid(#"a = "\x41""#, line: 1, column: 6, reason: "invalid escape: '\\' followed by 'x'")
        expectInvalid(#"a = "\e""#, line: 1, column: 6, reason: "invalid escape")
        expectInvalid(#"a = "\ ""#, line: 1, column: 6, reason: "invalid escape: '\\' followed by ' '")
        expectInvalid(#"a = "\u12""#, line: 1, column: 10, reason: "expected 4 hexadecimal digits after '\\u', found '\"'")
        expectInvalid(#"a = "\U0000004""#, line: 1, column: 15, reason: "expected 8 hexadecimal digits after '\\U'")
        expectInvalid(#"a = "\uD800""#, line: 1, column: 6, reason: "escape \\uD800 is not a Unicode scalar value")
        expectInvalid(#"a = "\uDFFF""#, line: 1, column: 6, reason: "is not a Unicode scalar value")
        expectInvalid(#"a = "\U00110000""#, line: 1, column: 6, reason: "is not a Unicode scalar value")
    }

    @Test func basicStringsStayOnOneLineAndRejectControlCharacters() {
        expectInvalid("a = \"one\ntwo\"", line: 1, column: 9, reason: "unterminated string")
        expectInvalid("a = \"bell\u{07}\"", line: 1, column: 10, reason: "control character U+0007 is not allowed in a string")
        expectInvalid("a = \"del\u{7F}\"", line: 1, column: 9, reason: "U+007F")
        expectInvalid("a = \"never closed", line: 1, column: 5, reason: "unterminated string: expected '\"', found end of file")
    }

    @Test func multilineBasicStrings() throws {
        let table = try parsed(
            #"""
            first = """
            Press 7 stopped
            Mold temperature low"""
            same = "Press 7 stopped\nMold temperature low"
            folded = """\
                   Line 2 runs \
                   three shifts \

                   on weekdays.\
                   """
            quotes = """Two marks: "" and text."""
            three = """Three marks: ""\"."""
            endsWithQuotes = """"Stop," said the operator, "the press is hot.""""
            escapes = """tab\there \u00e9"""
            """#)
        #expect(
            table == [
                "first": "Press 7 stopped\nMold temperature low",
                "same": "Press 7 stopped\nMold temperature low",
                "folded": "Line 2 runs three shifts on weekdays.",
                "quotes": "Two marks: \"\" and text.",
                "three": "Three marks: \"\"\".",
                "endsWithQuotes": "\"Stop,\" said the operator, \"the press is hot.\"",
                "escapes": "tab\there é",
            ])
    }

    @Test func lineEndingBackslashMayBeFollowedBySpaces() throws {
        #expect(try parsed("a = \"\"\"one \\  \t\n   \n  two\"\"\"") == ["a": "one two"])
    }

    @Test func multilineStringsTurnCRLFIntoLF() throws {
        #expect(try parsed("a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = '''\r\nx\r\ny'''") == ["a": "one\ntwo", "b": "x\ny"])
    }

    @Test func closingDelimiterMayFollowOneOrTwoQuotes() throws {
        let quotes = { (count: Int) in String(repeating: "\"", count: count) }
        #expect(try parsed("a = " + quotes(3) + "x" + quotes(5)) == ["a": "x\"\""])
        #expect(try parsed("a = " + quotes(3) + "x" + quotes(4)) == ["a": "x\""])
        #expect(try parsed("a = '''x'''''") == ["a": "x''"])
        #expect(try parsed("a = " + quotes(6)) == ["a": ""])
    }

    @Test func invalidMultilineStringsAreRejected() {
        // Six quotes after x: two may be content before the closing three, the sixth is one too many.
        expectInvalid(
            "a = " + String(repeating: "\"", count: 3) + "x" + String(repeating: "\"", count: 6), line: 1, column: 14, reason: "too many quotes")
        expectInvalid("a = '''x''''''", line: 1, column: 14, reason: "too many quotes")
        expectInvalid("a = \"\"\"open\n", line: 1, column: 5, reason: "unterminated multi-line string")
        expectInvalid("a = \"\"\"bell\u{07}\"\"\"", line: 1, column: 12, reason: "U+0007 is not allowed in a string")
        expectInvalid("a = \"\"\"x\ry\"\"\"", line: 1, column: 9, reason: "expected a line feed after a carriage return")
        expectInvalid(#"a = """\q""""#, line: 1, column: 8, reason: "invalid escape")
    }

    @Test func literalStrings() throws {
        let table = try parsed(
            #"""
            data  = 'C:\histd\data'
            share = '\\plant-nas\historian$\'
            quoted = 'Press "P7" line'
            pattern = '^press\d+$'
            tab      = 'a	b'
            note = '''Don't restart \n before 06:00'''
            lines  = '''
            The newline after the quotes
            is dropped.
               Indentation stays.
            '''
            """#)
        #expect(
            table == [
                "data": "C:\\histd\\data",
                "share": "\\\\plant-nas\\historian$\\",
                "quoted": "Press \"P7\" line",
                "pattern": "^press\\d+$",
                "tab": "a\tb",
                "note": "Don't restart \\n before 06:00",
                "lines": "The newline after the quotes\nis dropped.\n   Indentation stays.\n",
            ])
    }

    @Test func invalidLiteralStringsAreRejected() {
        expectInvalid("a = 'one\ntwo'", line: 1, column: 9, reason: "unterminated string")
        expectInvalid("a = 'it's'", line: 1, column: 9, reason: "expected a newline or a comment after the value of a, found 's'")
        expectInvalid("a = 'bell\u{07}'", line: 1, column: 10, reason: "U+0007 is not allowed in a literal string")
        expectInvalid("a = '''bell\u{0}'''", line: 1, column: 12, reason: "U+0000 is not allowed in a literal string")
        expectInvalid("a = 'open", line: 1, column: 5, reason: "unterminated string")
        expectInvalid("a = '''open", line: 1, column: 5, reason: "unterminated multi-line string")
    }
}
