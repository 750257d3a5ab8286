import TestSupport
import Testing

@testable import Time

@Suite struct RFC3339Tests {
    @Test func parsesUTCAndOffsets() {
        // 2024-01-01T00:00:00Z is 19723 days after 1970-01-01 (54 years with 13 leap days: 54 * 365 + 13 = 19723),
        // 19723 * 86400 = 1704067200 s.
        #expect(RFC3339.parse("2024-01-01T00:00:00Z") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01T01:00:00+01:00") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2023-12-31T23:30:00-00:30") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01 00:00:00.5Z") == 1_704_067_200_500_000_000)
        #expect(RFC3339.parse("1970-01-01T00:00:00.000000001Z") == 1)
        #expect(RFC3339.parse("1969-12-31T23:59:59Z") == -1_000_000_000)
        // 2024 is a leap year: Feb 29 exists; 2023 Feb 29 does not.
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("2023-02-29T00:00:00Z") == nil)
        // ISO 8601 forms that data files use: no zone (taken as UTC), no seconds, a date alone, +hhmm.
        #expect(RFC3339.parse("2024-01-01T00:00:00") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01 00:00") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01T01:00:00+0100") == 1_704_067_200_000_000_000)
        #expect(RFC3339.parse("2024-01-01T00:00:00 junk") == nil)
        #expect(RFC3339.parse("2024-01-01T24:00:00Z") == nil)
        #expect(RFC3339.parse("2024-13-01T00:00:00Z") == nil)
        #expect(RFC3339.parse("2024-01-01T00:00:00.1234567891234Z") == 1_704_067_200_123_456_789)
    }

    @Test func formatsAndRoundTrips() {
        #expect(RFC3339.format(1_704_067_200_000_000_000) == "2024-01-01T00:00:00Z")
        #expect(RFC3339.format(1_704_067_200_250_000_000) == "2024-01-01T00:00:00.25Z")
        #expect(RFC3339.format(-1) == "1969-12-31T23:59:59.999999999Z")
        #expect(RFC3339.format(1_711_846_800_000_000_000, utcOffset: 7_200) == "2024-03-31T03:00:00+02:00")
        #expect(RFC3339.format(1_729_814_400_500_000_000, utcOffset: -14_400) == "2024-10-24T20:00:00.5-04:00")
        #expect(RFC3339.format(1_704_067_200_000_000_000, utcOffset: 19_800) == "2024-01-01T05:30:00+05:30")
        #expect(RFC3339.format(1_704_067_200_000_000_000, utcOffset: 0) == "2024-01-01T00:00:00Z")
        var generator = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let time = Int64(bitPattern: generator.next()) / 4
            #expect(RFC3339.parse(RFC3339.format(time)) == time)
        }
    }

    /// `strict`: the RFC 3339 date-time and nothing else, as OEE documents use it.
    @Test func strictParsing() {
        // 2026-01-05T00:00:00Z = 1,767,571,200 s since the epoch (20,458 days x 86,400 s).
        #expect(RFC3339.parse("2026-01-05T00:00:00Z", strict: true) == 1_767_571_200_000_000_000)
        #expect(RFC3339.parse("2026-01-05T01:00:00+01:00", strict: true) == 1_767_571_200_000_000_000)
        #expect(RFC3339.parse("2026-01-04T19:30:00-04:30", strict: true) == 1_767_571_200_000_000_000)
        #expect(RFC3339.parse("2026-01-05t00:00:00.000000001z", strict: true) == 1_767_571_200_000_000_001)
        #expect(RFC3339.parse("2026-01-05 00:00:00.5Z", strict: true) == 1_767_571_200_500_000_000)
        #expect(RFC3339.parse("2024-02-29T00:00:00Z", strict: true) == Int64(19_782) * 86_400 * 1_000_000_000)
    }

    @Test(arguments: [
        "", "2026-01-05", "2026-01-05T00:00:00", "2026-01-05T00:00Z", "2026-13-05T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-01-05T24:00:00Z", "2026-01-05T00:00:00.Z", "2026-01-05T00:00:00.1234567891Z",
        "2026-01-05T00:00:00+0100", "2026-01-05T00:00:00Z ", "x026-01-05T00:00:00Z",
    ])
    func strictRejects(text: String) {
        #expect(RFC3339.parse(text, strict: true) == nil)
    }
}
