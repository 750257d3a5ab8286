import TOML
import Testing
import Time

@Suite struct DateTimeValueTests {
    @Test func datesAreValidatedAgainstTheGregorianCalendar() {
        #expect(TOMLLocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(TOMLLocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(TOMLLocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(TOMLLocalDate(year: 2400, month: 2, day: 29) != nil)
        #expect(TOMLLocalDate(year: 2024, month: 6, day: 31) == nil)
        #expect(TOMLLocalDate(year: 2024, month: 7, day: 31) != nil)
        #expect(TOMLLocalDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(TOMLLocalDate(year: -1, month: 1, day: 1) == nil)
    }

    @Test func timesAndOffsetsAreValidated() throws {
        #expect(TOMLLocalTime(hour: 23, minute: 59, second: 60, nanosecond: 999_999_999) != nil)
        #expect(TOMLLocalTime(hour: 0, minute: 0, second: 0, nanosecond: 1_000_000_000) == nil)
        #expect(TOMLLocalTime(hour: 0, minute: 0, second: -1) == nil)
        let date = try #require(TOMLLocalDate(year: 2024, month: 1, day: 1))
        let time = try #require(TOMLLocalTime(hour: 0, minute: 0, second: 0))
        #expect(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: 1439) != nil)
        #expect(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: 1440) == nil)
    }

    @Test func descriptionsAreRFC3339() throws {
        let date = try #require(TOMLLocalDate(year: 7, month: 5, day: 27))
        let time = try #require(TOMLLocalTime(hour: 7, minute: 2, second: 0, nanosecond: 120_000_000))
        #expect(date.description == "0007-05-27")
        #expect(time.description == "07:02:00.12")
        #expect(try #require(TOMLLocalTime(hour: 7, minute: 2, second: 9)).description == "07:02:09")
        #expect(TOMLLocalDateTime(date: date, time: time).description == "0007-05-27T07:02:00.12")
        // -330 minutes = -05:30.
        #expect(try #require(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: -330)).description == "0007-05-27T07:02:00.12-05:30")
        #expect(try #require(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: 0)).description == "0007-05-27T07:02:00.12Z")
    }

    @Test func parsedDateTimesPrintAsWritten() throws {
        let table = try parsed("a = 1987-07-05T17:45:56.6-08:00\nb = 2024-12-31 23:59:59.000000001")
        #expect(try #require(table["a"]).description == "1987-07-05T17:45:56.6-08:00")
        #expect(try #require(table["b"]).description == "2024-12-31T23:59:59.000000001")
    }
}
