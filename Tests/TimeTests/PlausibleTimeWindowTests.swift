import Testing
import Time

@Suite struct PlausibleTimeWindowTests {
    static let now: Int64 = 1_765_000_000_000_000_000

    @Test func findsTheUnitThatMakesATimePlausible() {
        let window = PlausibleTimeWindow()
        let nanoseconds = PlausibleTimeWindow.units[3]
        #expect(window.likelyUnit(of: 1_583_748_873, writtenIn: nanoseconds, now: Self.now)?.suffix == "s")
        #expect(window.likelyUnit(of: 1_583_748_873_000, writtenIn: nanoseconds, now: Self.now)?.suffix == "ms")
        #expect(window.likelyUnit(of: 1_583_748_873_000_000, writtenIn: nanoseconds, now: Self.now)?.suffix == "us")
        #expect(window.likelyUnit(of: 5, writtenIn: nanoseconds, now: Self.now) == nil)
        #expect(window.likelyUnit(of: 1_583_748_873_000_000_000, writtenIn: PlausibleTimeWindow.units[0], now: Self.now)?.suffix == "ns")
    }

    @Test func boundsAreEarliestAndADayAfterNow() {
        let window = PlausibleTimeWindow()
        #expect(window.contains(PlausibleTimeWindow.defaultEarliest, now: Self.now))
        #expect(!window.contains(PlausibleTimeWindow.defaultEarliest - 1, now: Self.now))
        #expect(window.contains(Self.now + 86_400_000_000_000, now: Self.now))
        #expect(!window.contains(Self.now + 86_400_000_000_001, now: Self.now))
        #expect(window.describe(now: 0).hasPrefix("1990-01-01T00:00:00Z .. "))
        #expect(PlausibleTimeWindow(ahead: .max).latest(now: Self.now) == .max)
    }
}
