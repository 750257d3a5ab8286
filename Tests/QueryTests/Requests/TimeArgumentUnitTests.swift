import Query
import Testing

/// A bare integer time that is implausible in nanoseconds but plausible in another unit is refused with its spelling.
@Suite struct TimeArgumentUnitTests {
    static let now: Int64 = 1_765_000_000_000_000_000

    @Test func secondsMillisecondsAndMicrosecondsWrittenBareAreRefusedWithTheHint() {
        for (text, spelled) in [("1583748873", "1583748873s"), ("1583748873000", "1583748873000ms"), ("1583748873000000", "1583748873000000us")] {
            #expect {
                try TimeArgument.parse(text, argument: "from", now: Self.now)
            } throws: { error in
                (error as? QueryArgumentError)?.description.contains("write \(spelled)") == true
            }
        }
    }

    @Test func plausibleOrExplicitTimesPass() throws {
        #expect(try TimeArgument.parse("0", argument: "from", now: Self.now) == 0)
        #expect(try TimeArgument.parse("1000", argument: "from", now: Self.now) == 1_000)
        #expect(try TimeArgument.parse("-5", argument: "from", now: Self.now) == -5)
        #expect(try TimeArgument.parse("1583748873ns", argument: "from", now: Self.now) == 1_583_748_873)
        #expect(try TimeArgument.parse("1583748873s", argument: "from", now: Self.now) == 1_583_748_873_000_000_000)
        #expect(try TimeArgument.parse("1583748873000000000", argument: "from", now: Self.now) == 1_583_748_873_000_000_000)
    }
}
