import TOML
import Testing

@Suite struct CommentAndNewlineTests {
    @Test func commentsBlankLinesAndIndentationAreIgnored() throws {
        let table = try parsed("# full-line comment\n\n   \t\n  key = 1 # trailing comment\n\t# indented comment\nother = \"# not a comment\"")
        #expect(table == ["key": 1, "other": "# not a comment"])
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        #expect(try parsed("a = 1\r\nb = 2\r\n# c\r\n") == ["a": 1, "b": 2])
    }

    @Test func emptyDocumentsAreEmptyTables() throws {
        #expect(try parsed("").isEmpty)
        #expect(try parsed("\n\n# only a comment").isEmpty)
    }

    @Test func byteOrderMarkAtTheStartIsSkipped() throws {
        #expect(try parsed("\u{FEFF}a = 1") == ["a": 1])
    }

    @Test func commentAllowsUnicodeAndTab() throws {
        #expect(try parsed("a = 1 #\tÜberdruck 🔥") == ["a": 1])
    }

    @Test func controlCharactersInCommentsAreRejected() {
        expectInvalid("a = 1 # bell \u{07}", line: 1, column: 14, reason: "U+0007 is not allowed in a comment")
        expectInvalid("# delete \u{7F}\n", line: 1, column: 10, reason: "U+007F is not allowed in a comment")
        expectInvalid("# cr \r alone", line: 1, column: 6, reason: "U+000D is not allowed in a comment")
    }

    @Test func bareCarriageReturnIsRejected() {
        expectInvalid("a = 1\rb = 2", line: 1, column: 6, reason: "expected a line feed after a carriage return, found 'b'")
        expectInvalid("\r", line: 1, column: 1, reason: "expected a line feed after a carriage return")
    }

    @Test func twoKeyValuePairsOnOneLineAreRejected() {
        expectInvalid("a = 1 b = 2", line: 1, column: 7, reason: "expected a newline or a comment after the value of a, found 'b'")
    }

    @Test func invalidUTF8BytesAreRejectedWithTheirPosition() {
        // Line 2 is `b = "x` (columns 1 to 6), so the 0xFF byte is at column 7.
        let bytes: [UInt8] = Array("a = 1\nb = \"x".utf8) + [0xFF, 0x22]
        do {
            _ = try TOMLParser.parse(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidDocument(line: 2, column: 7, reason: "the document is not valid UTF-8 (byte 0xFF)"))
        }
    }

    @Test func overlongAndSurrogateEncodingsAreRejected() {
        // C0 AF is an overlong "/", ED A0 80 encodes the surrogate U+D800, F4 90 80 80 is above U+10FFFF.
        for invalid: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: TOMLError.self) { try TOMLParser.parse(Array("s = \"".utf8) + invalid + [0x22]) }
        }
        #expect((try? TOMLParser.parse(Array("s = \"".utf8) + [0xF0, 0x9F, 0x94, 0xA5, 0x22])) == ["s": "🔥"])
    }
}
