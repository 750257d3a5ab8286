/// Parses RFC 3339 timestamps ("2026-03-29T06:00:00.5+02:00") into exact integer nanoseconds.
///
/// Written out rather than via `ISO8601DateFormatter` because `Date` holds a `Double` and would
/// round nanoseconds. Days from civil date: H. Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms", `days_from_civil`.
enum RFC3339 {
    /// Nanoseconds since the Unix epoch, or nil when `text` is not an RFC 3339 date-time
    /// (full date, `T`/`t`/space, full time with up to 9 fraction digits, `Z`/`z` or `±hh:mm`).
    static func nanoseconds(from text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var position = 0

        func digits(_ count: Int) -> Int64? {
            guard position + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<position + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }

        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            expect("Tt "), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
            let second = digits(2)
        else { return nil }
        var fraction: Int64 = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            var count = 0
            while position < bytes.count, count < 10, let digit = digits(1) {
                fraction = fraction * 10 + digit
                count += 1
            }
            guard (1...9).contains(count) else { return nil }
            for _ in count..<9 { fraction *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if expect("Zz") {
            offsetSeconds = 0
        } else {
            guard position < bytes.count else { return nil }
            let sign: Int64 = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            guard expect("+-"), let offsetHours = digits(2), expect(":"), let offsetMinutes = digits(2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3_600 + offsetMinutes * 60)
        }
        guard position == bytes.count, (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: year, month: month), hour <= 23, minute <= 59, second <= 59
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secondsSinceEpoch = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return secondsSinceEpoch * 1_000_000_000 + fraction
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
