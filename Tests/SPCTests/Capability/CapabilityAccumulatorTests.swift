import TestSupport
import Testing

@testable import SPC

@Suite struct CapabilityAccumulatorTests {
    func expectAgreement(_ streamed: ProcessCapability, _ batch: ProcessCapability) throws {
        #expect(streamed.count == batch.count)
        #expect(close(streamed.mean, batch.mean, relative: 1e-12))
        #expect(close(streamed.sigmaWithin, batch.sigmaWithin, relative: 1e-12))
        #expect(close(streamed.sigmaOverall, batch.sigmaOverall, relative: 1e-12))
        let pairs: [(Double?, Double?)] = [
            (streamed.cp, batch.cp), (streamed.cpk, batch.cpk), (streamed.cpl, batch.cpl), (streamed.cpu, batch.cpu),
            (streamed.cpm, batch.cpm), (streamed.pp, batch.pp), (streamed.ppk, batch.ppk), (streamed.ppl, batch.ppl),
            (streamed.ppu, batch.ppu),
        ]
        for (a, b) in pairs {
            #expect((a == nil) == (b == nil))
            if let a, let b { #expect(close(a, b, relative: 1e-12)) }
        }
        #expect(close(streamed.expectedOverall.total, batch.expectedOverall.total, relative: 1e-10))
        #expect(streamed.observed == batch.observed)
        #expect(streamed.normality == nil)
    }

    @Test func individualsStreamEqualsBatch() throws {
        var generator = SplitMix64(seed: 7)
        for trial in 0..<20 {
            let count = 2 + trial * 37
            let values = (0..<count).map { _ in 1000 + Double(generator.next() % 10_000) / 997 }
            let spec = try SpecificationLimits(lower: 1002, upper: 1009, target: 1005)
            var accumulator = try CapabilityAccumulator(specification: spec)
            for value in values { try accumulator.add(value) }
            try expectAgreement(try accumulator.capability(), try CapabilityStudy.individuals(values, specification: spec))
        }
    }

    @Test func subgroupsStreamEqualsBatch() throws {
        let spec = try SpecificationLimits(lower: 73.95, upper: 74.05, target: 74)
        for method in [SigmaMethod.rbar, .sbar] {
            var accumulator = try CapabilityAccumulator(specification: spec, sigmaMethod: method)
            for subgroup in PublishedData.pistonRings { try accumulator.add(subgroup: subgroup) }
            let batch = try CapabilityStudy.subgroups(PublishedData.pistonRings, specification: spec, sigmaMethod: method)
            try expectAgreement(try accumulator.capability(), batch)
        }
    }

    @Test func badInputIsNamed() throws {
        let spec = try SpecificationLimits(lower: 0, upper: 1)
        var accumulator = try CapabilityAccumulator(specification: spec)
        try accumulator.add(0.5)
        #expect(throws: SPCError.nonFiniteValue(row: 1)) { try accumulator.add(.infinity) }
        #expect(throws: SPCError.emptyData) { try CapabilityAccumulator(specification: spec).capability() }
        var subgroups = try CapabilityAccumulator(specification: spec, sigmaMethod: .rbar)
        #expect(throws: SPCError.subgroupTooSmall(row: 0, size: 1, minimum: 2)) { try subgroups.add(subgroup: [1]) }
    }
}
