import TOML
import Testing

@Suite struct ErrorDescriptionTests {
    @Test func parseErrorsSayLineColumnAndWhat() {
        do {
            _ = try TOMLParser.parse("[http]\nport = 80 80\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "line 2, column 11: expected a newline or a comment after the value of port, found '8'")
        }
    }

    @Test func columnsCountUnicodeScalarsNotBytes() {
        // "é" is two bytes in UTF-8 and "🔥" four, but each is one column: the '!' is at column 13.
        expectInvalid("name = \"é🔥\" !", line: 1, column: 13, reason: "found '!'")
    }

    @Test func linesCountAfterCRLFAndMultilineStrings() {
        expectInvalid("a = 1\r\nb = \"\"\"\nx\ny\"\"\"\r\nc = ?", line: 5, column: 5, reason: "expected a value, found '?'")
    }

    @Test func typeMismatchDescription() {
        let error = TOMLError.typeMismatch(keyPath: "limits.max_body_bytes", expected: "an integer", found: "a string")
        #expect(error.description == "limits.max_body_bytes: expected an integer, found a string")
    }
}
