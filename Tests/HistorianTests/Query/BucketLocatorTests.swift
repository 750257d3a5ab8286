import TestSupport
import Testing

@testable import Historian

@Suite struct BucketLocatorTests {
    /// In order, with gaps, backwards and at the extremes, the locator agrees with the division.
    @Test func agreesWithTheDivision() {
        var generator = SplitMix64(seed: 21)
        for (from, width) in [(Int64(0), Int64(60)), (-1_000, 7), (Int64.min, Int64.max), (Int64.min + 5, 3)] {
            var locator = BucketLocator(from: from, width: width)
            var time = from
            for step in 0..<2_000 {
                switch generator.next() % 8 {
                case 0: time = from &+ Int64(bitPattern: generator.next() >> 2) // anywhere later than from
                case 1: time = Swift.max(from, time &- Int64(generator.next() % 200)) // backwards
                default: time = time &+ Int64(generator.next() % UInt64(Swift.min(width, 1 << 20) * 2))
                }
                if time < from { time = from }
                let expected = Int(UInt64(bitPattern: time &- from) / UInt64(width))
                #expect(locator.index(of: time) == expected, "step \(step): from \(from), width \(width), time \(time)")
            }
        }
    }
}
