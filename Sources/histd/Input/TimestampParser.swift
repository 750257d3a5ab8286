/// Parses the timestamps of input files into Int64 nanoseconds since the Unix epoch (UTC).
///
/// Accepted: ISO 8601 / RFC 3339 date-times (`2020-02-08 13:30:47`, `2013-12-02T21:15:00.25Z`,
/// `2024-03-31T02:30:00+02:00`, a date alone), without an offset taken as UTC; and epoch numbers,
/// whose unit follows from their magnitude: below 1e11 seconds, below 1e14 milliseconds, below 1e17
/// microseconds, else nanoseconds (1e11 s is the year 5138; 1e11 ms is 1973).
enum TimestampParser {
    /// The timestamp in `text`, or nil when it is neither form.
    static func parse<Text: Collection<UInt8>>(_ text: Text) -> Int64? where Text.Index == Int {
        guard let first = text.first else { return nil }
        if text.count >= 10, let dateTime = parseDateTime(text) { return dateTime }
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

    static func parseDateTime<Text: Collection<UInt8>>(_ text: Text) -> Int64? where Text.Index == Int {
        var index = text.startIndex
        let end = text.endIndex

        func number(_ digits: Int) -> Int? {
            guard end - index >= digits else { return nil }
            var value = 0
            for _ in 0..<digits {
                let byte = text[index]
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < end, let ascii = character.asciiValue, text[index] == ascii else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        var nanoseconds: Int64 = 0
        if index < end && (text[index] == UInt8(ascii: "T") || text[index] == UInt8(ascii: "t") || text[index] == UInt8(ascii: " ")) {
            index += 1
            guard let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
            var second = 0
            if expect(":") {
                guard let parsed = number(2), parsed < 61 else { return nil }
                second = parsed
                if expect(".") || expect(",") {
                    var digits = 0
                    while index < end && isDigit(text[index]) {
                        if digits < 9 { nanoseconds = nanoseconds * 10 + Int64(text[index] - UInt8(ascii: "0")) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
                }
            }
            seconds += Int64(hour * 3600 + minute * 60 + second)
            if index < end {
                if expect("Z") || expect("z") {
                } else if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                    let sign: Int64 = text[index] == UInt8(ascii: "+") ? 1 : -1
                    index += 1
                    guard let offsetHours = number(2) else { return nil }
                    _ = expect(":")
                    guard let offsetMinutes = number(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
                    seconds -= sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
                }
            }
        }
        guard index == end else { return nil }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        return scaled + nanoseconds
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
    /// Date Algorithms", days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
