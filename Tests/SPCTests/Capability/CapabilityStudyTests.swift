import Testing

@testable import SPC

@Suite struct CapabilityStudyTests {
    /// The 25 phase I subgroups of the piston rings, specification 74.000 ± 0.05 (Montgomery 7th ed.
    /// §8.3 uses these data with σ̂ = R̄/d2; he rounds R̄ to 0.023 and prints Cp = 1.68).
    let phaseOne = Array(PublishedData.pistonRings.prefix(25))
    let specification = try! SpecificationLimits(lower: 73.95, upper: 74.05, target: 74)

    @Test func pistonRingIndicesFromRbar() throws {
        let study = try CapabilityStudy.subgroups(phaseOne, specification: specification)
        // x̄ = 74.001176 (sum 9250.147 / 125); R̄ = 0.5690/25 = 0.02276; σw = 0.02276/2.325929 = 0.009785337;
        // s = 0.01006997 (two-pass over the 125 values).
        #expect(study.count == 125)
        #expect(agrees(study.mean, with: "74.001176"))
        #expect(agrees(study.sigmaWithin, with: "0.00978534"))
        #expect(agrees(study.sigmaOverall, with: "0.0100699681"))
        // Cp = 0.1/(6·0.009785337) = 1.703229; Cpu = (74.05 − 74.001176)/(3σw) = 1.663169;
        // Cpl = (74.001176 − 73.95)/(3σw) = 1.743289; Cpk = Cpu. With R̄ rounded to 0.023 Montgomery gets 1.68.
        #expect(agrees(try #require(study.cp), with: "1.703229"))
        #expect(agrees(try #require(study.cpu), with: "1.663169"))
        #expect(agrees(try #require(study.cpl), with: "1.743289"))
        #expect(study.cpk == study.cpu)
        // Pp = 0.1/(6·0.01006997) = 1.655086; Ppu = 1.616159; Ppl = 1.694014.
        #expect(agrees(try #require(study.pp), with: "1.655086"))
        #expect(agrees(try #require(study.ppu), with: "1.616159"))
        #expect(agrees(try #require(study.ppl), with: "1.694014"))
        #expect(study.ppk == study.ppu)
        // τ = √(Σ(x − 74)²/124) = 0.01013895; Cpm = 0.05/(3τ) = 1.643825.
        #expect(agrees(try #require(study.cpm), with: "1.643825"))
        // Bissell: 1.663169 ± 1.959964·√(1/1125 + 1.663169²/248) = 1.448084 and 1.878253.
        let interval = try #require(study.cpkInterval)
        #expect(agrees(interval.lower, with: "1.448084"))
        #expect(agrees(interval.upper, with: "1.878253"))
        // Expected PPM (tails are sensitive to σ: d2(5) = 2.32592895 here): 10⁶Φ((73.95 − x̄)/σw) = 0.08481668,
        // 10⁶Φ((x̄ − 74.05)/σw) = 0.3026696; overall 0.186700 and 0.622068.
        #expect(agrees(study.expectedWithin.below, with: "0.08481668"))
        #expect(agrees(study.expectedWithin.above, with: "0.3026696"))
        #expect(agrees(study.expectedOverall.below, with: "0.186700"))
        #expect(agrees(study.expectedOverall.above, with: "0.622068"))
        #expect(study.observed.total == 0)
        // A² = 0.191019, A* = 0.191019·(1 + 0.75/125 + 2.25/125²) = 0.192193, p = 1 − exp(−13.436 + 101.14A* − 223.73A*²) = 0.895834.
        let normality = try #require(study.normality)
        #expect(agrees(normality.statistic, with: "0.191019"))
        #expect(agrees(normality.adjustedStatistic, with: "0.192193"))
        #expect(agrees(normality.pValue, with: "0.895834"))
    }

    @Test func oneSidedSpecificationHasNoCp() throws {
        let upperOnly = try SpecificationLimits(lower: nil, upper: 74.05)
        let study = try CapabilityStudy.subgroups(phaseOne, specification: upperOnly, sigmaMethod: .sbar)
        #expect(study.cp == nil && study.pp == nil && study.cpl == nil && study.cpm == nil)
        #expect(study.cpk == study.cpu)
        #expect(study.expectedWithin.below == 0)
        // σw = s̄/c4(5) = 0.009240037/0.9399856 = 0.009829977 (qcc S chart std.dev).
        #expect(agrees(study.sigmaWithin, with: "0.009829977"))
    }

    @Test func individualsUseTheMovingRangeAndCountObservedPPM() throws {
        // Viscosity: MR̄ = 0.4807143, σw = MR̄/1.1283792 = 0.4260219. Specification 33 to 34:
        // 33.00 is on the LSL (inside), 34.02 is above the USL: observed 1/15 = 66666.67 PPM above.
        let spec = try SpecificationLimits(lower: 33, upper: 34)
        let study = try CapabilityStudy.individuals(PublishedData.viscosity, specification: spec)
        #expect(agrees(study.sigmaWithin, with: "0.4260219"))
        #expect(study.observed.below == 0)
        #expect(agrees(study.observed.above, with: "66666.67"))
        // A² = 0.247412, A* = 0.262256, p = 1 − exp(−8.318 + 42.796A* − 59.938A*²) = 0.703858.
        let normality = try #require(study.normality)
        #expect(agrees(normality.statistic, with: "0.247412"))
        #expect(agrees(normality.pValue, with: "0.703858"))
    }

    @Test func andersonDarlingRejectsSkewedData() throws {
        // 1,1,1,1,2,2,2,3,3,4,5,7,10,15,30: A² = 1.925290, A* = 2.040807,
        // p = exp(1.2937 − 5.709A* + 0.0186A*²) = 3.43193e-5.
        let test = try AndersonDarlingTest([1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 7, 10, 15, 30])
        #expect(agrees(test.statistic, with: "1.925290"))
        #expect(agrees(test.adjustedStatistic, with: "2.040807"))
        #expect(close(test.pValue, 3.43193039e-5, relative: 1e-6))
        #expect(throws: SPCError.degenerateSpread(reason: "the Anderson-Darling test needs values that are not all equal")) {
            try AndersonDarlingTest([2, 2, 2])
        }
    }

    @Test func scalingDataAndSpecificationKeepsTheIndices() throws {
        let scale = 25.0
        let scaled = phaseOne.map { $0.map { ($0 - 74) * scale } }
        let scaledSpec = try SpecificationLimits(lower: -0.05 * scale, upper: 0.05 * scale, target: 0)
        let base = try CapabilityStudy.subgroups(phaseOne, specification: specification)
        let other = try CapabilityStudy.subgroups(scaled, specification: scaledSpec)
        #expect(close(other.sigmaWithin, base.sigmaWithin * scale, relative: 1e-9))
        #expect(close(other.sigmaOverall, base.sigmaOverall * scale, relative: 1e-9))
        for (a, b) in [(other.cp, base.cp), (other.cpk, base.cpk), (other.ppk, base.ppk), (other.cpm, base.cpm)] {
            #expect(close(try #require(a), try #require(b), relative: 1e-9))
        }
        #expect(close(other.normality?.statistic ?? 0, base.normality?.statistic ?? 1, relative: 1e-9))
    }

    @Test func badSpecificationsAreRejected() {
        #expect(throws: SPCError.invalidSpecification(lower: 5, upper: 5)) { try SpecificationLimits(lower: 5, upper: 5) }
        #expect(throws: SPCError.missingSpecification) { try SpecificationLimits(lower: nil, upper: nil) }
        #expect(throws: SPCError.nonFiniteValue(row: 1)) {
            try CapabilityStudy.individuals([1, .nan, 2], specification: try SpecificationLimits(lower: 0, upper: 3))
        }
    }
}
