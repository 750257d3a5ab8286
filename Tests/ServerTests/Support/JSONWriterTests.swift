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
        #expect(text.hasPrefix("[0,-0.0,1,-1,0.1,1e-300,123456789.125,"))
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

    /// Random bit patterns (the general path) and random short decimals (the fast path) read back
    /// to the same bits, through `double` and through `elements`.
    @Test func randomDoublesReadBackBitExact() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for _ in 0..<5_000 {
            let bits = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if bits.isFinite { values.append(bits) }
            let decimals = Int.random(in: 0...12, using: &generator)
            let digits = Double(Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator))
            values.append(digits / pow(10, Double(decimals)))
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 100)
        }
        var writer = JSONWriter()
        writer.beginArray()
        for value in values { writer.double(value) }
        writer.endArray()
        var rows = JSONWriter()
        rows.beginArray()
        rows.elements(count: values.count, maximumBytes: 2 + NumberText.maximumDoubleBytes) { index, cursor in
            guard let end = NumberText.putDouble(values[index], at: NumberText.put(UInt8(ascii: "["), at: cursor)) else { return nil }
            return NumberText.put(UInt8(ascii: "]"), at: end)
        } slow: { index, writer in
            writer.beginArray()
            writer.double(values[index])
            writer.endArray()
        }
        rows.endArray()
        let plain = String(decoding: writer.bytes, as: UTF8.self).dropFirst().dropLast().split(separator: ",")
        let nested = String(decoding: rows.bytes, as: UTF8.self).dropFirst(2).dropLast(2).split(separator: "],[")
        #expect(plain.count == values.count)
        #expect(nested.count == values.count)
        for (value, (first, second)) in zip(values, zip(plain, nested)) {
            #expect(Double(String(first))?.bitPattern == value.bitPattern, "\(value) written as \(first)")
            #expect(first == second)
        }
    }

    @Test func integersOfEveryLength() {
        var values: [Int64] = [
            0, 9, 10, 99, 100, 999_999_999_999, 1_000_000_000_000, 1_000_000_000_001, 1_704_067_200_000_000_000, 1_704_067_200_123_000_000,
            1_704_067_200_000_123_000, 1_704_067_201_000_000_000, .max, .min,
        ]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        var writer = JSONWriter()
        writer.beginArray()
        for value in values { writer.integer(value) }
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[" + values.map(String.init).joined(separator: ",") + "]")
    }
}
