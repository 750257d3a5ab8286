import Testing

@testable import Historian

@Suite struct RawSampleTests {
    /// Batches and reorder buffers hold samples by the thousand: 24 bytes each, not 32.
    @Test func arrayStrideIsTwentyFourBytes() {
        #expect(MemoryLayout<RawSample>.stride == 24)
    }

    @Test func initializerKeepsEveryField() {
        let sample = RawSample(series: 7, timestamp: -3, bits: 0xDEAD_BEEF, quality: 2)
        #expect(sample.series == 7)
        #expect(sample.timestamp == -3)
        #expect(sample.bits == 0xDEAD_BEEF)
        #expect(sample.quality == 2)
    }
}
