extension DocumentParser {
    /// Whether the read position starts a date (`YYYY-`).
    var isAtDate: Bool {
        (0..<4).allSatisfy { peek($0).map(isDecimalDigit) ?? false } && peek(4) == UInt8(ascii: "-")
    }

    /// Whether the read position starts a local time (`HH:`).
    var isAtTime: Bool {
        (0..<2).allSatisfy { peek($0).map(isDecimalDigit) ?? false } && peek(2) == UInt8(ascii: ":")
    }

    /// Reads a local date, a local date-time or an offset date-time (RFC 3339, with `T`, `t` or a space
    /// between date and time, and `Z`, `z` or `±HH:MM` as the offset).
    mutating func parseDateOrDateTime() throws(TOMLError) -> TOMLValue {
        let year = try readFixedDigits(4, of: "year")
        try expect("-", in: "date")
        let monthOffset = index
        let month = try readFixedDigits(2, of: "month")
        try expect("-", in: "date")
        let dayOffset = index
        let day = try readFixedDigits(2, of: "day")
        guard (1...12).contains(month) else {
            throw failure("month \(paddedDigits(month, count: 2)) is not between 01 and 12", at: monthOffset)
        }
        guard let date = TOMLLocalDate(year: year, month: month, day: day) else {
            throw failure(
                "day \(paddedDigits(day, count: 2)) does not exist in \(paddedDigits(year, count: 4))-\(paddedDigits(month, count: 2))",
                at: dayOffset)
        }
        let hasTime: Bool
        switch current {
        case UInt8(ascii: "T"), UInt8(ascii: "t"):
            hasTime = true
        case UInt8(ascii: " "):
            // A space separates date and time only when a time follows; otherwise the date ends here.
            hasTime = (1...2).allSatisfy { peek($0).map(isDecimalDigit) ?? false } && peek(3) == UInt8(ascii: ":")
        default:
            hasTime = false
        }
        guard hasTime else { return .localDate(date) }
        index += 1
        let time = try parseTime()
        let offsetStart = index
        let offsetMinutes: Int
        switch current {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
            offsetMinutes = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let isNegative = current == UInt8(ascii: "-")
            index += 1
            let hours = try readFixedDigits(2, of: "offset hours")
            try expect(":", in: "offset")
            let minutes = try readFixedDigits(2, of: "offset minutes")
            guard hours <= 23, minutes <= 59 else {
                throw failure(
                    "offset \(String(decoding: bytes[offsetStart..<index], as: UTF8.self)) is not between -23:59 and +23:59",
                    at: offsetStart)
            }
            offsetMinutes = (isNegative ? -1 : 1) * (hours * 60 + minutes)
        default:
            return .localDateTime(TOMLLocalDateTime(date: date, time: time))
        }
        guard let dateTime = TOMLOffsetDateTime(date: date, time: time, offsetMinutes: offsetMinutes) else {
            throw failure("offset is not between -23:59 and +23:59", at: offsetStart)
        }
        return .offsetDateTime(dateTime)
    }

    /// Reads `HH:MM:SS` with an optional fraction of one or more digits; digits after the ninth are
    /// truncated. TOML 1.0 requires the seconds.
    mutating func parseTime() throws(TOMLError) -> TOMLLocalTime {
        let hourOffset = index
        let hour = try readFixedDigits(2, of: "hour")
        try expect(":", in: "time")
        let minuteOffset = index
        let minute = try readFixedDigits(2, of: "minute")
        guard current == UInt8(ascii: ":") else {
            throw failure("expected ':' and the seconds (TOML 1.0 requires them), found \(foundDescription(at: index))", at: index)
        }
        index += 1
        let secondOffset = index
        let second = try readFixedDigits(2, of: "second")
        var nanosecond = 0
        if current == UInt8(ascii: ".") {
            index += 1
            guard let first = current, isDecimalDigit(first) else {
                throw failure("expected a digit after the decimal point of the seconds, found \(foundDescription(at: index))", at: index)
            }
            var digitCount = 0
            while let byte = current, isDecimalDigit(byte) {
                if digitCount < 9 { nanosecond = nanosecond * 10 + Int(byte - UInt8(ascii: "0")) }
                digitCount += 1
                index += 1
            }
            for _ in min(digitCount, 9)..<9 { nanosecond *= 10 }
        }
        guard hour <= 23 else { throw failure("hour \(paddedDigits(hour, count: 2)) is not between 00 and 23", at: hourOffset) }
        guard minute <= 59 else { throw failure("minute \(paddedDigits(minute, count: 2)) is not between 00 and 59", at: minuteOffset) }
        guard let time = TOMLLocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond) else {
            throw failure("second \(paddedDigits(second, count: 2)) is not between 00 and 60", at: secondOffset)
        }
        return time
    }

    private mutating func readFixedDigits(_ count: Int, of field: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = current, isDecimalDigit(byte) else {
                throw failure("expected \(count) digits for the \(field), found \(foundDescription(at: index))", at: index)
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    private mutating func expect(_ separator: Unicode.Scalar, in part: String) throws(TOMLError) {
        guard current == UInt8(ascii: separator) else {
            throw failure("expected '\(separator)' in the \(part), found \(foundDescription(at: index))", at: index)
        }
        index += 1
    }
}
