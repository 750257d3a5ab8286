import Testing

@testable import SPC

@Suite struct SubgroupChartTests {
    let phaseOne = 0..<25

    @Test func pistonRingsXbarRMatchesQcc() throws {
        // qcc(pistonrings[1:25, ], type = "xbar"): center 74.00118, limits 73.98805 and 74.0143;
        // R chart center 0.02276. Montgomery Example 6.1 rounds R̄ to 0.023 and prints 74.014 and 73.988.
        let chart = try SubgroupChart.xbarR(PublishedData.pistonRings, options: ChartOptions(phaseOne: phaseOne))
        #expect(agrees(chart.processCenter, with: "74.00118"))
        #expect(agrees(chart.primary.lower[0], with: "73.98805"))
        #expect(agrees(chart.primary.upper[0], with: "74.0143"))
        #expect(agrees(chart.primary.upper[0], with: "74.014"))
        let range = try #require(chart.secondary)
        #expect(agrees(range.center[0], with: "0.02276"))
        #expect(range.lower[0] == 0)
        // qcc prints 0.04812533 from its 4-digit d3 table; D4 from exact d2, d3 gives 0.048126.
        #expect(agrees(range.upper[0], with: "0.04813"))
        // σ = R̄/d2(5) = 0.02276/2.325929 (d2 to 7 digits from Harter's table).
        #expect(agrees(chart.sigma, with: "0.00978534"))
        #expect(chart.sigmaMethod == .rbar)
    }

    @Test func pistonRingsPhaseTwoSignalsAtSample37() throws {
        // Montgomery §6.2.1 phase II data: the means of samples 37, 38, 39 (1-based) are
        // (74.015+74.020+74.024+74.005+74.019)/5 = 74.0166, 74.0196 and 74.0234, above UCL 74.0143;
        // sample 40 is 74.0128 and sample 35 is 74.0126, inside.
        let chart = try SubgroupChart.xbarR(PublishedData.pistonRings, options: ChartOptions(phaseOne: phaseOne))
        #expect(chart.primary.beyond == [36, 37, 38])
        #expect(chart.secondary?.beyond == [])
        #expect(chart.primary.statistics.count == 40)
    }

    @Test func pistonRingsXbarSMatchesQcc() throws {
        // qcc(pistonrings[1:25, ], type = "S"): center 0.009240037, std.dev 0.009829977, UCL 0.019302416.
        let chart = try SubgroupChart.xbarS(PublishedData.pistonRings, options: ChartOptions(phaseOne: phaseOne))
        let deviation = try #require(chart.secondary)
        #expect(agrees(deviation.center[0], with: "0.009240037"))
        #expect(agrees(chart.sigma, with: "0.009829977"))
        #expect(agrees(deviation.upper[0], with: "0.01930242"))
        #expect(deviation.lower[0] == 0)
        // X-bar limits x̿ ± 3σ/√5 = 74.00118 ± 0.0131879.
        #expect(close(chart.primary.upper[0] - chart.processCenter, 3 * chart.sigma / 5.0.squareRoot(), relative: 1e-12))
    }

    @Test func varyingSubgroupSizesGivePerPointLimits() throws {
        // qcc test with the 1-based observations 9, 10, 30, 35, 45, 64, 65, 74, 75, 85, 99, 100 removed:
        // center 74.00075; limits 73.98753/74.01398 for n = 5 and 73.98368/74.01782 for n = 3.
        let removed: Set<Int> = [9, 10, 30, 35, 45, 64, 65, 74, 75, 85, 99, 100]
        var subgroups: [[Double]] = []
        for (group, values) in PublishedData.pistonRings.enumerated() {
            subgroups.append(values.enumerated().filter { !removed.contains(group * 5 + $0.offset + 1) }.map(\.element))
        }
        let chart = try SubgroupChart.xbarR(subgroups, options: ChartOptions(phaseOne: phaseOne))
        #expect(agrees(chart.processCenter, with: "74.00075"))
        #expect(subgroups[0].count == 5 && subgroups[1].count == 3)
        // qcc uses d2 to 3 decimals (1.693 for n = 3 instead of 1.692569): its σ differs from the exact
        // one by up to 2.5e-4 relative (n = 3), which moves the n = 3 limits by 6e-6: compared to 6 digits.
        #expect(agrees(chart.primary.lower[0], with: "73.98753"))
        #expect(agrees(chart.primary.upper[0], with: "74.01398"))
        #expect(agrees(chart.primary.lower[1], with: "73.9837"))
        #expect(agrees(chart.primary.upper[1], with: "74.0178"))
        guard case .perPoint = chart.primary.upper else {
            Issue.record("limits should vary with the subgroup size")
            return
        }
        // R chart center d2(nᵢ)σ varies too.
        let range = try #require(chart.secondary)
        #expect(close(range.center[1] / range.center[0], 1.692569 / 2.325929, relative: 1e-6))
    }

    @Test func xbarSWithVaryingSizesByHand() throws {
        // Subgroups {1, 3} and {2, 4, 6}: s = √2 and 2; c4(2) = √(2/π) = 0.7978846, c4(3) = √π/2 = 0.8862269;
        // σ = (√2/0.7978846 + 2/0.8862269)/2 = (1.7724539 + 2.2567583)/2 = 2.0146061; x̿ = 16/5 = 3.2.
        let chart = try SubgroupChart.xbarS([[1, 3], [2, 4, 6]])
        #expect(agrees(chart.sigma, with: "2.0146061"))
        #expect(close(chart.processCenter, 3.2, relative: 1e-15))
        // X-bar UCL: 3.2 + 3σ/√2 = 7.4736249 and 3.2 + 3σ/√3 = 6.6894001.
        #expect(agrees(chart.primary.upper[0], with: "7.4736249"))
        #expect(agrees(chart.primary.upper[1], with: "6.6894001"))
        // S chart: center c4σ = 1.6074231 and 1.7853982; UCL c4σ + 3σ√(1 − c4²) = 5.2506989 and 4.5852053.
        let deviation = try #require(chart.secondary)
        #expect(agrees(deviation.center[0], with: "1.6074231"))
        #expect(agrees(deviation.center[1], with: "1.7853982"))
        #expect(agrees(deviation.upper[0], with: "5.2506989"))
        #expect(agrees(deviation.upper[1], with: "4.5852053"))
        #expect(deviation.lower[0] == 0 && deviation.lower[1] == 0)
    }

    @Test func knownStandardsReplaceEstimates() throws {
        // μ = 74, σ = 0.01, n = 5: limits 74 ± 3·0.01/√5 = 74 ± 0.0134164; R chart center d2σ = 0.02325929.
        let chart = try SubgroupChart.xbarR(
            PublishedData.pistonRings, options: ChartOptions(standards: KnownStandards(center: 74, sigma: 0.01)))
        #expect(agrees(chart.primary.upper[0], with: "74.0134164"))
        #expect(agrees(chart.secondary?.center[0] ?? 0, with: "0.02325929"))
        #expect(chart.sigmaMethod == .known)
    }

    @Test func scalingTheDataScalesTheLimits() throws {
        let scale = 3.5
        let shift = -12.0
        let scaled = PublishedData.pistonRings.map { $0.map { $0 * scale + shift } }
        for usesRange in [true, false] {
            let base = try SubgroupChart.analyze(PublishedData.pistonRings, usesRange: usesRange, options: ChartOptions(phaseOne: phaseOne))
            let other = try SubgroupChart.analyze(scaled, usesRange: usesRange, options: ChartOptions(phaseOne: phaseOne))
            #expect(close(other.processCenter, base.processCenter * scale + shift, relative: 1e-12))
            #expect(close(other.sigma, base.sigma * scale, relative: 1e-10))
            #expect(close(other.primary.upper[0], base.primary.upper[0] * scale + shift, relative: 1e-12))
            #expect(close(other.secondary?.upper[0] ?? 0, (base.secondary?.upper[0] ?? 0) * scale, relative: 1e-10))
            #expect(other.primary.beyond == base.primary.beyond)
        }
    }

    @Test func badSubgroupsAreNamed() {
        #expect(throws: SPCError.subgroupTooSmall(row: 1, size: 1, minimum: 2)) {
            try SubgroupChart.xbarR([[1, 2], [3]])
        }
        #expect(throws: SPCError.nonFiniteValue(row: 2)) {
            try SubgroupChart.xbarS([[1, 2], [3, 4], [.nan, 1]])
        }
        #expect(throws: SPCError.emptyData) { try SubgroupChart.xbarR([]) }
        #expect(throws: SPCError.invalidPhaseOneWindow(lower: 3, upper: 9, count: 4)) {
            try SubgroupChart.xbarR([[1, 2], [3, 4], [2, 1], [5, 4]], options: ChartOptions(phaseOne: 3..<9))
        }
        #expect(throws: SPCError.degenerateSpread(reason: "the phase I subgroups give σ = 0.0 (all values equal?)")) {
            try SubgroupChart.xbarR([[1, 1], [1, 1]])
        }
    }
}
