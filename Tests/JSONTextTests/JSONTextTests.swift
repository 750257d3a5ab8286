import Foundation
import JSONText
import Testing

@Suite struct JSONTextTests {
    @Test func plainTextIsOnlyQuoted() {
        #expect(JSONText.quoted("line 3: Wärme °C") == "\"line 3: Wärme °C\"")
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONText.quoted("a\"b\\c\nd\re\tf\u{0}g\u{1F}") == #""a\"b\\c\nd\re\tf\u0000g\u001f""#)
    }

    @Test func everyStringReadsBackThroughFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let scalars = (0..<Int.random(in: 0...20, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x2FF, using: &generator))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let decoded = try JSONDecoder().decode(String.self, from: Data(JSONText.quoted(text).utf8))
            #expect(decoded == text)
        }
    }
}
