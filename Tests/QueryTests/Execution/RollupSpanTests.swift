import Query
import Testing

@Suite struct RollupSpanTests {
    @Test func epochAlignedIntervalsCutOnlyTheFirstAtTheLowerBound() throws {
        let aligned = try #require(RollupSpan.epochAligned(from: 25, to: 100, every: 10))
        #expect(aligned.alignedStart == 20)
        #expect(aligned.spans == [RollupSpan(from: 25, to: 30, every: 5), RollupSpan(from: 30, to: 100, every: 10)])
        let exact = try #require(RollupSpan.epochAligned(from: 30, to: 95, every: 10))
        #expect(exact.spans == [RollupSpan(from: 30, to: 95, every: 10)] && exact.alignedStart == 30)
        #expect(exact.spans[0].bucketCount == 7)
        let negative = try #require(RollupSpan.epochAligned(from: -25, to: 0, every: 10))
        #expect(negative.alignedStart == -30)
        #expect(negative.spans == [RollupSpan(from: -25, to: -20, every: 5), RollupSpan(from: -20, to: 0, every: 10)])
        let short = try #require(RollupSpan.epochAligned(from: 21, to: 24, every: 10))
        #expect(short.spans == [RollupSpan(from: 21, to: 24, every: 3)])
        #expect(RollupSpan.epochAligned(from: .min + 5, to: 0, every: 10) == nil)
    }

    @Test func bucketCountsHoldAtTheExtremes() {
        #expect(RollupSpan(from: .min, to: .max, every: .max).bucketCount == 3)
        #expect(RollupSpan(from: 0, to: 1, every: 1_000).bucketCount == 1)
    }
}
