import Foundation
import Testing

@testable import Server

@Suite struct JSONWriterTests {
    @Test func numbersReadBackBitExact() throws {
        let values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, 123_456_789.125, 1e15, 1e300, .pi, -2.5e-7, 4_503_599_627_370_497]
        var writer = JSONWriter()
        writer.beginArray()
        for value in values { writer.double(value) }
        writer.double(.nan)
        writer.double(Double?.none)
        writer.integer(Int64.min)
        writer.integer(Int64.max)
        writer.integer(0)
        writer.unsigned(UInt64.max)
        writer.endArray()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.hasPrefix("[0,-0.0,1,-1,0.1,"))
        #expect(text.hasSuffix(",null,null,-9223372036854775808,9223372036854775807,0,18446744073709551615]"))
        // Each number, parsed by Swift's own parser, has the bits written.
        let parts = text.dropFirst().dropLast().split(separator: ",")
        for (value, part) in zip(values, parts) {
            #expect(Double(String(part))?.bitPattern == value.bitPattern, "\(value) written as \(part)")
        }
    }

    @Test func stringsAreEscaped() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a\"b")
        writer.string("line\nbreak\t\\ \u{01} é")
        writer.key("q")
        writer.literal("\"good\"")
        writer.endObject()
        let object = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: String]
        #expect(object == ["a\"b": "line\nbreak\t\\ \u{01} é", "q": "good"])
    }
}
