import Foundation
import Historian
import Time

/// Parses the timestamps of input files into Int64 nanoseconds since the Unix epoch (UTC).
///
/// Accepted: the date-times `RFC3339.parse` reads (`2020-02-08 13:30:47`, `2013-12-02T21:15:00.25Z`,
/// `2024-03-31T02:30:00+02:00`, a date alone; without an offset taken as UTC); and epoch numbers,
/// whose unit follows from their magnitude: below 1e11 seconds, below 1e14 milliseconds, below 1e17
/// microseconds, else nanoseconds (1e11 s is the year 5138; 1e11 ms is 1973).
enum TimestampParser {
    /// The timestamp in `text`, or nil when it is neither form.
    static func parse<Text: Collection<UInt8>>(_ text: Text) -> Int64? where Text.Index == Int {
        guard let first = text.first else { return nil }
        if text.count >= 10, let string = String(bytes: text, encoding: .utf8), let dateTime = RFC3339.parse(string) {
            return dateTime
        }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || isDigit(first) {
            return parseEpoch(text)
        }
        return nil
    }

    static func parseEpoch<Text: Collection<UInt8>>(_ text: Text) -> Int64? where Text.Index == Int {
        guard let string = String(bytes: text, encoding: .utf8) else { return nil }
        if let integer = Int64(string) {
            let scale: Int64
            switch integer.magnitude {
            case ..<100_000_000_000: scale = 1_000_000_000
            case ..<100_000_000_000_000: scale = 1_000_000
            case ..<100_000_000_000_000_000: scale = 1_000
            default: scale = 1
            }
            let (nanoseconds, overflow) = integer.multipliedReportingOverflow(by: scale)
            return overflow ? nil : nanoseconds
        }
        guard let value = Double(string), value.isFinite else { return nil }
        let magnitude = abs(value)
        let scale: Double = magnitude < 1e11 ? 1e9 : magnitude < 1e14 ? 1e6 : magnitude < 1e17 ? 1e3 : 1
        let nanoseconds = (value * scale).rounded()
        guard abs(nanoseconds) < 9.2e18 else { return nil }
        return Int64(nanoseconds)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
