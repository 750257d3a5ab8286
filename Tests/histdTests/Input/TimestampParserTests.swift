import Testing

@testable import histd

@Suite("Timestamp parser")
struct TimestampParserTests {
    static func parse(_ text: String) -> Int64? {
        TimestampParser.parse(Array(text.utf8))
    }

    @Test("ISO 8601 forms")
    func iso8601() {
        // 2020-02-08 is day 18,300 after 1970-01-01: 18,300 * 86,400 s = 1,581,120,000 s.
        let seconds: Int64 = 1_581_120_000 + 13 * 3600 + 30 * 60 + 47
        #expect(Self.parse("2020-02-08 13:30:47") == seconds * 1_000_000_000)
        #expect(Self.parse("2020-02-08T13:30:47Z") == Self.parse("2020-02-08 13:30:47"))
        #expect(Self.parse("2020-02-08T15:30:47+02:00") == Self.parse("2020-02-08 13:30:47"))
        #expect(Self.parse("2020-02-08T13:30:47.25Z") == (Self.parse("2020-02-08 13:30:47") ?? 0) + 250_000_000)
        #expect(Self.parse("1969-12-31T23:59:59.999999999Z") == -1)
        #expect(Self.parse("2020-02-08") == Int64(1_581_120_000) * 1_000_000_000)
        #expect(Self.parse("2024-02-29 00:00") != nil)
    }

    @Test("invalid dates are refused")
    func invalid() {
        #expect(Self.parse("2023-02-29 00:00:00") == nil)
        #expect(Self.parse("2020-13-01") == nil)
        #expect(Self.parse("2020-02-08 25:00:00") == nil)
        #expect(Self.parse("2020-02-08 13:30:47 junk") == nil)
        #expect(Self.parse("temperature") == nil)
        #expect(Self.parse("") == nil)
    }

    @Test("epoch numbers by magnitude")
    func epoch() {
        #expect(Self.parse("1581168647") == 1_581_168_647_000_000_000)
        #expect(Self.parse("1581168647123") == 1_581_168_647_123_000_000)
        #expect(Self.parse("1581168647123456") == 1_581_168_647_123_456_000)
        #expect(Self.parse("1581168647123456789") == 1_581_168_647_123_456_789)
        #expect(Self.parse("1581168647.5") == 1_581_168_647_500_000_000)
        #expect(Self.parse("99999999999999999999999") == nil)
    }
}
