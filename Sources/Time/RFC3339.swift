/// Parses and formats RFC 3339 timestamps (`2024-01-01T00:00:00.5Z`, `...+01:00`) as Int64
/// nanoseconds since the Unix epoch, UTC, without Foundation.
///
/// Civil-date arithmetic after Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
/// (`days_from_civil`, `civil_from_days`), proleptic Gregorian calendar; leap seconds are not represented.
public enum RFC3339 {
    /// The nanoseconds of `text`, or nil when it is not an RFC 3339 date-time or lies outside the
    /// years 1677-2262 that Int64 nanoseconds hold.
    ///
    /// Unless `strict`, also accepted, because data files written by PLCs and spreadsheets use them
    /// (ISO 8601 forms): no seconds, a date alone, an offset without its colon, no offset at all
    /// (taken as UTC), and more than 9 fraction digits (cut to nanoseconds). Both accept a space or
    /// `t` for the `T` and `z` for the `Z`, as RFC 3339 section 5.6 allows.
    public static func parse(_ text: String, strict: Bool = false) -> Int64? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ digits: Int) -> Int64? {
            guard position + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let byte = bytes[position]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
                position += 1
            }
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        if position == bytes.count, !strict {
            let (midnight, overflow) = (daysFromCivil(year: year, month: month, day: day) * 86_400).multipliedReportingOverflow(by: 1_000_000_000)
            return overflow ? nil : midnight
        }
        guard expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        if expect(":") {
            guard let parsed = number(2), parsed < 60 else { return nil }
            second = parsed
        } else if strict {
            return nil
        }
        var fraction: Int64 = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 {
                if digits < 9 { fraction = fraction * 10 + Int64(bytes[position] - 0x30) }
                digits += 1
                position += 1
            }
            guard digits > 0, !strict || digits <= 9 else { return nil }
            if digits < 9 {
                for _ in digits..<9 { fraction *= 10 }
            }
        }
        var offsetSeconds: Int64 = 0
        if expect("Zz") {
            offsetSeconds = 0
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let offsetHours = number(2), expect(":") || !strict else { return nil }
            guard let offsetMinutes = number(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else if strict {
            return nil
        }
        guard position == bytes.count else { return nil }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let (scaled, overflowA) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflowB) = scaled.addingReportingOverflow(fraction)
        return overflowA || overflowB ? nil : total
    }

    /// Why ``parse(_:strict:)`` returned nil for `text`, for messages: "is outside ..." when it is a
    /// well-formed date-time beyond the years Int64 nanoseconds hold, "is not ..." otherwise.
    public static func failureReason(_ text: String, strict: Bool = false) -> String {
        let digits = text.utf8.prefix(4)
        if digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let year = Int(String(decoding: digits, as: UTF8.self)) {
            // The same date-time in a year inside the range, with the same leap-year rule.
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            if parse((isLeap ? "2000" : "2001") + text.dropFirst(4), strict: strict) != nil {
                return "is outside the times histd can store (\(format(.min)) to \(format(.max - 1)))"
            }
        }
        return strict
            ? "is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction] and Z or ±hh:mm)"
            : "is not an RFC 3339 or ISO 8601 date-time (such as 2024-01-01T00:00:00Z)"
    }

    /// `nanoseconds` as `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`, the fraction trimmed of trailing zeros.
    /// `nanoseconds` as the local time `utcOffset` seconds east of UTC, with that offset
    /// (`2024-03-31T03:00:00+02:00`); an offset of 0 is written `Z`.
    public static func format(_ nanoseconds: Int64, utcOffset: Int) -> String {
        guard utcOffset != 0 else { return format(nanoseconds) }
        let local = format(nanoseconds &+ Int64(utcOffset) * 1_000_000_000).dropLast()
        let minutes = abs(utcOffset) / 60
        let hours = String(minutes / 60)
        let rest = String(minutes % 60)
        return local + (utcOffset < 0 ? "-" : "+") + String(repeating: "0", count: 2 - min(2, hours.count)) + hours + ":"
            + String(repeating: "0", count: 2 - rest.count) + rest
    }

    public static func format(_ nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of the proleptic Gregorian date `year`-`month`-`day` (no range check).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
