import Testing

@testable import SPC

@Suite struct IndividualsChartTests {
    @Test func viscosityMatchesQcc() throws {
        // Montgomery §6.4 / qcc xbar.one. Moving ranges: 0.70, 0.95, 0.19, 0.35, 0.56, 0.34, 0.41,
        // 0.22, 0.29, 0.42, 0.62, 0.54, 0.42, 0.72; sum 6.73, MR̄ = 6.73/14 = 0.4807143.
        let chart = try IndividualsChart.analyze(PublishedData.viscosity)
        #expect(agrees(chart.processCenter, with: "33.52333"))
        let movingRange = try #require(chart.secondary)
        #expect(agrees(movingRange.center[0], with: "0.4807143"))
        #expect(movingRange.statistics[0] == nil)
        // σ = MR̄/d2(2) with d2(2) = 2/√π = 1.1283792 (qcc divides by 1.128: 0.4261651).
        #expect(agrees(chart.sigma, with: "0.4260219"))
        // UCL of MR: D4(2)·MR̄ = 3.2665319·0.4807143 = 1.5702683.
        #expect(agrees(movingRange.upper[0], with: "1.570269"))
        #expect(movingRange.lower[0] == 0)
    }

    @Test func viscosityWithSampleStandardDeviationMatchesQcc() throws {
        // qcc(x, type = "xbar.one", std.dev = "SD"): σ = s/c4(15) = 0.3415928, limits 32.49855 and 34.54811.
        let chart = try IndividualsChart.analyze(PublishedData.viscosity, options: ChartOptions(sigmaMethod: .sd))
        #expect(agrees(chart.sigma, with: "0.3415928"))
        #expect(agrees(chart.primary.lower[0], with: "32.49855"))
        #expect(agrees(chart.primary.upper[0], with: "34.54811"))
        #expect(chart.primary.beyond.isEmpty)
    }

    @Test func droppingOutOfControlPointsReestimates() throws {
        // 20 values alternating 10 and 11 (MR = 1 each, σ = 1/1.1283792 = 0.8862269, mean 10.5)
        // plus 20 at row 10. First pass: x̄ = 230/21 = 10.952, MR̄ = (18 + 9 + 10)/20 = 1.85,
        // σ = 1.6395, UCL 15.87: row 10 is beyond and dropped (its large moving ranges at rows 10 and 11
        // do not drop row 11: only the individuals chart decides). Second pass: 20 values, x̄ = 10.5.
        var values = (0..<20).map { $0 % 2 == 0 ? 10.0 : 11.0 }
        values.insert(20, at: 10)
        let plain = try IndividualsChart.analyze(values)
        let dropped = try IndividualsChart.analyze(values, options: ChartOptions(dropOutOfControl: true))
        #expect(dropped.excluded == [10])
        #expect(plain.excluded.isEmpty)
        #expect(close(dropped.processCenter, 10.5, relative: 1e-15))
        // Moving ranges kept: the 19 of the alternating values minus the one that straddled row 10,
        // i.e. 18 ranges of 1: MR̄ = 1.
        #expect(close(dropped.sigma, Double.pi.squareRoot() / 2, relative: 1e-10))
        #expect(dropped.primary.beyond == [10])
    }

    @Test func scalingTheDataScalesTheLimits() throws {
        let scale = 0.125
        let shift = 1000.0
        let scaled = PublishedData.table9_1.map { $0 * scale + shift }
        for method in [SigmaMethod.mr, .sd] {
            let options = ChartOptions(phaseOne: 0..<20, sigmaMethod: method, rules: .nelson)
            let base = try IndividualsChart.analyze(PublishedData.table9_1, options: options)
            let other = try IndividualsChart.analyze(scaled, options: options)
            #expect(close(other.sigma, base.sigma * scale, relative: 1e-9))
            #expect(close(other.primary.upper[0], base.primary.upper[0] * scale + shift, relative: 1e-12))
            #expect(close(other.secondary?.upper[0] ?? 0, (base.secondary?.upper[0] ?? 1) * scale, relative: 1e-9))
            #expect(other.primary.beyond == base.primary.beyond)
            #expect(other.primary.violations == base.primary.violations)
        }
        let ewma = try EWMAChart.analyze(PublishedData.table9_1, lambda: 0.2, width: 3, options: ChartOptions(phaseOne: 0..<20))
        let scaledEWMA = try EWMAChart.analyze(scaled, lambda: 0.2, width: 3, options: ChartOptions(phaseOne: 0..<20))
        #expect(close(scaledEWMA.primary.upper[29], ewma.primary.upper[29] * scale + shift, relative: 1e-12))
        #expect(scaledEWMA.primary.beyond == ewma.primary.beyond)
    }

    @Test func badValuesAreNamed() {
        #expect(throws: SPCError.nonFiniteValue(row: 2)) { try IndividualsChart.analyze([1, 2, .infinity]) }
        #expect(throws: SPCError.unsupportedSigmaMethod(method: "rbar", reason: "individual values take mr or sd")) {
            try IndividualsChart.analyze([1, 2, 4], options: ChartOptions(sigmaMethod: .rbar))
        }
    }
}
