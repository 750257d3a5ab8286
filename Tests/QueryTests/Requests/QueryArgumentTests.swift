import Historian
import Query
import Testing

@Suite struct QueryArgumentTests {
    @Test func tagConditionsParseIntoOnePredicate() throws {
        let key = SeriesKey(measurement: "m", tags: [.init(key: "line", value: "L1"), .init(key: "machine", value: "M07")], field: "f")
        #expect(try TagCondition.predicate([], argument: "tag") == nil)
        let both = try #require(try TagCondition.predicate(["line=L1", "machine=~M\\d+"], argument: "tag"))
        #expect(both.accepts(key))
        let other = try #require(try TagCondition.predicate(["machine=~M\\d"], argument: "tag"))
        #expect(!other.accepts(key), "a regular expression matches the whole value")
        // The value may hold '=' itself.
        let withEquals = try #require(try TagCondition.predicate(["line=a=b"], argument: "tag"))
        #expect(withEquals.accepts(SeriesKey(measurement: "m", tags: [.init(key: "line", value: "a=b")], field: "f")))
    }

    @Test func malformedTagConditionsNameTheArgumentAndTheCause() {
        #expect(throws: QueryArgumentError(argument: "--tag", text: "line", reason: "is not key=value or key=~regex")) {
            try TagCondition.predicate(["line"], argument: "--tag")
        }
        #expect(throws: QueryArgumentError(argument: "tag", text: "=L1", reason: "is not key=value or key=~regex")) {
            try TagCondition.predicate(["=L1"], argument: "tag")
        }
        do {
            _ = try TagCondition.predicate(["line=~(L1"], argument: "tag")
            Issue.record("an unclosed group compiled")
        } catch {
            #expect(error.description.hasPrefix("tag 'line=~(L1' has an invalid regular expression: "))
            #expect(error.description.contains("offset"))
        }
    }

    @Test func qualityListsNameEveryQualityOrFail() throws {
        #expect(try QualityList.parse("good", argument: "quality") == [.good])
        #expect(try QualityList.parse("good,uncertain,bad", argument: "quality") == [.good, .uncertain, .bad])
        #expect(throws: QueryArgumentError(argument: "quality", text: "good,fine", reason: "names 'fine': qualities are good, uncertain and bad")) {
            try QualityList.parse("good,fine", argument: "quality")
        }
        #expect(throws: QueryArgumentError.self) { try QualityList.parse("", argument: "quality") }
    }

    @Test func timesTakeEveryDocumentedForm() throws {
        let now: Int64 = 1_704_067_200_000_000_000
        #expect(try TimeArgument.parse("2024-01-01T00:00:00Z", argument: "from", now: 0) == now)
        #expect(try TimeArgument.parse("1704067200000000000", argument: "from", now: 0) == now)
        #expect(try TimeArgument.parse("1704067200s", argument: "from", now: 0) == now)
        #expect(try TimeArgument.parse("1704067200000ms", argument: "from", now: 0) == now)
        #expect(try TimeArgument.parse("1704067200000000us", argument: "from", now: 0) == now)
        #expect(try TimeArgument.parse("now", argument: "from", now: now) == now)
        #expect(try TimeArgument.parse("now-1h", argument: "from", now: now) == now - 3_600_000_000_000)
        #expect(try TimeArgument.parse("now+15m", argument: "from", now: now) == now + 900_000_000_000)
        #expect(throws: QueryArgumentError.self) { try TimeArgument.parse("yesterday", argument: "from", now: now) }
        #expect(throws: QueryArgumentError.self) { try TimeArgument.parse("now-1y", argument: "from", now: now) }
        #expect(throws: QueryArgumentError.self) { try TimeArgument.parse("99999999999999999s", argument: "from", now: now) }
    }

    @Test func rangesAreOrderedAndEndNowByDefault() throws {
        let range = try TimeArgument.range(from: "now-1h", to: nil, now: 7_200_000_000_000)
        #expect(range.from == 3_600_000_000_000 && range.to == 7_200_000_000_000)
        #expect(throws: QueryArgumentError(argument: "--from", text: "10", reason: "is not before --to (10)")) {
            try TimeArgument.range(from: "10", to: "10", now: 0, fromArgument: "--from", toArgument: "--to")
        }
    }
}
