import Testing

@testable import SPC

@Suite struct CUSUMChartTests {
    let standards = KnownStandards(center: 10, sigma: 1)

    @Test func montgomeryTable9_2() throws {
        // Montgomery 7th ed. Example 9.1, Table 9.2: μ0 = 10, σ = 1, k = 0.5, h = 5, C⁺ and C⁻ as printed.
        let chart = try CUSUMChart(PublishedData.table9_1, k: 0.5, h: 5, options: ChartOptions(standards: standards))
        let upper = [
            "0", "0", "0", "1.16", "2.82", "2.50", "0.04", "1.00", "0", "0", "0", "0.97", "0.98", "0", "0",
            "0", "0.12", "0", "0", "0.34", "0.74", "0", "1.79", "2.79", "2.89", "3.47", "3.35", "4.47", "5.28", "5.30",
        ]
        for (row, printed) in upper.enumerated() {
            #expect(agrees(chart.upper[row], with: printed), "C+ at period \(row + 1)")
        }
        // C⁻: 9.5 − 9.45 = 0.05; + 9.5 − 7.99 = 1.56; + 9.5 − 9.29 = 1.77; period 7: 9.5 − 8.04 = 1.46.
        #expect(agrees(chart.lower[0], with: "0.05"))
        #expect(agrees(chart.lower[1], with: "1.56"))
        #expect(agrees(chart.lower[2], with: "1.77"))
        #expect(chart.lower[3] == 0)
        #expect(agrees(chart.lower[6], with: "1.46"))
        // The chart signals at period 29 (C⁺ = 5.28 > 5) and 30.
        #expect(chart.upperSignals == [28, 29])
        #expect(chart.lowerSignals == [])
        #expect(chart.decisionInterval == 5 && chart.referenceValue == 0.5)
    }

    @Test func nistHandbookExample() throws {
        // NIST e-Handbook §6.3.2.3: target 325, σ = 0.635, K = 0.3175 (k = 0.5), H = 4.1959 (h = 4.1959/0.635).
        // C⁺13 = 328.325 − 325.3175 = 3.0075; C⁺14 = 3.0075 + 327.25 − 325.3175 = 4.94 > H: out of control from
        // observation 14 to 20.
        let chart = try CUSUMChart(
            PublishedData.nistCUSUM, k: 0.5, h: 4.1959 / 0.635,
            options: ChartOptions(standards: KnownStandards(center: 325, sigma: 0.635)))
        #expect(agrees(chart.upper[12], with: "3.0075"))
        #expect(agrees(chart.upper[13], with: "4.9400"))
        #expect(chart.upperSignals == Array(13...19))
        #expect(chart.lowerSignals.isEmpty)
    }

    @Test func headStartStartsAtAFractionOfH() throws {
        // FIR of H/2 = 2.5: C⁺1 = max(0, 9.45 − 10.5 + 2.5) = 1.45; C⁻1 = max(0, 9.5 − 9.45 + 2.5) = 2.55.
        let chart = try CUSUMChart(PublishedData.table9_1, k: 0.5, h: 5, headStart: 0.5, options: ChartOptions(standards: standards))
        #expect(close(chart.upper[0], 1.45, relative: 1e-12))
        #expect(close(chart.lower[0], 2.55, relative: 1e-12))
    }

    @Test func rejectsBadParameters() {
        #expect(throws: SPCError.invalidParameter(name: "h", value: 0, reason: "must be a positive finite number")) {
            try CUSUMChart([1, 2], k: 0.5, h: 0)
        }
        #expect(throws: SPCError.invalidParameter(name: "head-start", value: 1, reason: "must be in [0, 1) as a fraction of H")) {
            try CUSUMChart([1, 2], k: 0.5, h: 4, headStart: 1)
        }
    }
}
