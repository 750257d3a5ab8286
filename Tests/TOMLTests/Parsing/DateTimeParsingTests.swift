import TOML
import Testing

@Suite struct DateTimeParsingTests {
    private func date(_ year: Int, _ month: Int, _ day: Int) throws -> TOMLLocalDate {
        try #require(TOMLLocalDate(year: year, month: month, day: day))
    }

    private func time(_ hour: Int, _ minute: Int, _ second: Int, _ nanosecond: Int = 0) throws -> TOMLLocalTime {
        try #require(TOMLLocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond))
    }

    private func offsetDateTime(_ date: TOMLLocalDate, _ time: TOMLLocalTime, _ offsetMinutes: Int) throws -> TOMLValue {
        .offsetDateTime(try #require(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: offsetMinutes)))
    }

    @Test func offsetDateTimes() throws {
        let table = try parsed(
            """
            utc = 2024-03-10T14:05:09Z
            lowercase = 2024-03-10t14:05:09z
            west = 2024-03-10T07:05:09-07:00
            fraction = 2024-03-10T00:05:09.999999+05:30
            space = 2024-03-10 14:05:09Z
            extremes = 0000-01-01T00:00:00-23:59
            """)
        #expect(
            table == [
                "utc": try offsetDateTime(date(2024, 3, 10), time(14, 5, 9), 0),
                "lowercase": try offsetDateTime(date(2024, 3, 10), time(14, 5, 9), 0),
                "west": try offsetDateTime(date(2024, 3, 10), time(7, 5, 9), -420),
                // .999999 s = 999,999,000 ns; +05:30 = 330 minutes.
                "fraction": try offsetDateTime(date(2024, 3, 10), time(0, 5, 9, 999_999_000), 330),
                "space": try offsetDateTime(date(2024, 3, 10), time(14, 5, 9), 0),
                "extremes": try offsetDateTime(date(0, 1, 1), time(0, 0, 0), -1439),
            ])
    }

    @Test func localDateTimesDatesAndTimes() throws {
        let table = try parsed(
            """
            dateTime = 2024-03-10T07:32:00
            dateTimeSpace = 2024-03-10 07:32:00.5
            date = 2024-03-10
            time = 07:32:00
            timeFraction = 00:32:00.123
            inArray = [2024-03-10, 07:32:00]
            """)
        #expect(
            table == [
                "dateTime": .localDateTime(TOMLLocalDateTime(date: try date(2024, 3, 10), time: try time(7, 32, 0))),
                "dateTimeSpace": .localDateTime(TOMLLocalDateTime(date: try date(2024, 3, 10), time: try time(7, 32, 0, 500_000_000))),
                "date": .localDate(try date(2024, 3, 10)),
                "time": .localTime(try time(7, 32, 0)),
                "timeFraction": .localTime(try time(0, 32, 0, 123_000_000)),
                "inArray": [.localDate(try date(2024, 3, 10)), .localTime(try time(7, 32, 0))],
            ])
    }

    @Test func fractionalSecondsKeepNanosecondsAndTruncateBeyond() throws {
        let table = try parsed("a = 00:00:00.123456789\nb = 00:00:00.1234567891999\nc = 00:00:00.000000001")
        #expect(
            table == [
                "a": .localTime(try time(0, 0, 0, 123_456_789)),
                "b": .localTime(try time(0, 0, 0, 123_456_789)),
                "c": .localTime(try time(0, 0, 0, 1)),
            ])
    }

    @Test func leapDaysAndLeapSeconds() throws {
        // 2000 is divisible by 400, so it is a leap year; 2024 by 4 and not by 100.
        let table = try parsed("a = 2000-02-29\nb = 2024-02-29\nc = 2016-12-31T23:59:60Z")
        #expect(
            table == [
                "a": .localDate(try date(2000, 2, 29)),
                "b": .localDate(try date(2024, 2, 29)),
                "c": try offsetDateTime(date(2016, 12, 31), time(23, 59, 60), 0),
            ])
    }

    @Test func dateFollowedBySpaceAndCommentIsADate() throws {
        #expect(try parsed("a = 2024-03-10 # a date") == ["a": .localDate(try date(2024, 3, 10))])
    }

    @Test func impossibleDatesAndTimesAreRejected() {
        // 1900 is divisible by 100 and not by 400: not a leap year.
        expectInvalid("a = 1900-02-29", line: 1, column: 13, reason: "day 29 does not exist in 1900-02")
        expectInvalid("a = 2023-02-29", line: 1, column: 13, reason: "day 29 does not exist in 2023-02")
        expectInvalid("a = 2024-04-31", line: 1, column: 13, reason: "day 31 does not exist in 2024-04")
        expectInvalid("a = 2024-00-10", line: 1, column: 10, reason: "month 00 is not between 01 and 12")
        expectInvalid("a = 2024-13-10", line: 1, column: 10, reason: "month 13 is not between 01 and 12")
        expectInvalid("a = 2024-01-00", line: 1, column: 13, reason: "day 00 does not exist")
        expectInvalid("a = 24:00:00", line: 1, column: 5, reason: "hour 24 is not between 00 and 23")
        expectInvalid("a = 12:60:00", line: 1, column: 8, reason: "minute 60 is not between 00 and 59")
        expectInvalid("a = 12:00:61", line: 1, column: 11, reason: "second 61 is not between 00 and 60")
        expectInvalid("a = 2024-01-01T00:00:00+24:00", line: 1, column: 24, reason: "offset +24:00 is not between -23:59 and +23:59")
        expectInvalid("a = 2024-01-01T00:00:00-00:60", line: 1, column: 24, reason: "offset -00:60")
    }

    @Test func malformedDateTimesAreRejected() {
        expectInvalid("a = 2024-1-01", line: 1, column: 11, reason: "expected 2 digits for the month, found '-'")
        expectInvalid("a = 2024-01-1", line: 1, column: 14, reason: "expected 2 digits for the day, found end of file")
        expectInvalid("a = 2024-01-01T", line: 1, column: 16, reason: "expected 2 digits for the hour, found end of file")
        expectInvalid("a = 2024-01-01T07:32", line: 1, column: 21, reason: "expected ':' and the seconds (TOML 1.0 requires them)")
        expectInvalid("a = 07:32", line: 1, column: 10, reason: "TOML 1.0 requires them")
        expectInvalid("a = 7:32:00", line: 1, column: 6, reason: "after the value of a, found ':'")
        expectInvalid("a = 07:32:00.", line: 1, column: 14, reason: "expected a digit after the decimal point of the seconds")
        expectInvalid("a = 2024-01-01T07:32:00+05", line: 1, column: 27, reason: "expected ':' in the offset, found end of file")
        expectInvalid("a = 2024-01-01T07:32:00+0530", line: 1, column: 27, reason: "expected ':' in the offset, found '3'")
        expectInvalid("a = 2024-01-01T07:32:00 Z", line: 1, column: 25, reason: "expected a newline or a comment after the value of a, found 'Z'")
        expectInvalid("a = 2024-01-01X07:32:00", line: 1, column: 15, reason: "found 'X'")
        expectInvalid("a = 2024-01-01  07:32:00", line: 1, column: 17, reason: "found '0'")
        expectInvalid("a = 10000-01-01", line: 1, column: 10, reason: "invalid number '10000-01-01': unexpected '-'")
    }
}
