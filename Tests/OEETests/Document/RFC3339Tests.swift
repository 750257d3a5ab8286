import Testing

@testable import OEE

@Suite struct RFC3339Tests {
    @Test func parsesUTCOffsetsAndFractions() {
        // 2026-01-05T00:00:00Z = 1,767,571,200 s since the epoch (20,458 days x 86,400 s).
        #expect(RFC3339.nanoseconds(from: "2026-01-05T00:00:00Z") == 1_767_571_200_000_000_000)
        #expect(RFC3339.nanoseconds(from: "2026-01-05T01:00:00+01:00") == 1_767_571_200_000_000_000)
        #expect(RFC3339.nanoseconds(from: "2026-01-04T19:30:00-04:30") == 1_767_571_200_000_000_000)
        #expect(RFC3339.nanoseconds(from: "2026-01-05t00:00:00.000000001z") == 1_767_571_200_000_000_001)
        #expect(RFC3339.nanoseconds(from: "2026-01-05 00:00:00.5Z") == 1_767_571_200_500_000_000)
        #expect(RFC3339.nanoseconds(from: "1970-01-01T00:00:00Z") == 0)
        // 2024-02-29 is a leap day: 19,782 days after the epoch.
        #expect(RFC3339.nanoseconds(from: "2024-02-29T00:00:00Z") == Int64(19_782) * 86_400 * 1_000_000_000)
    }

    @Test(arguments: [
        "", "2026-01-05", "2026-01-05T00:00:00", "2026-13-05T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-01-05T24:00:00Z", "2026-01-05T00:00:00.Z", "2026-01-05T00:00:00.1234567891Z",
        "2026-01-05T00:00:00+0100", "2026-01-05T00:00:00Z ", "x026-01-05T00:00:00Z",
    ])
    func rejectsMalformedTimestamps(text: String) {
        #expect(RFC3339.nanoseconds(from: text) == nil)
    }
}
