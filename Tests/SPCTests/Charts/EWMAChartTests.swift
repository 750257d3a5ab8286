import Testing

@testable import SPC

@Suite struct EWMAChartTests {
    let standards = KnownStandards(center: 10, sigma: 1)

    @Test func montgomeryExample9_2() throws {
        // λ = 0.1, L = 2.7, μ0 = 10, σ = 1 on Table 9.1 (Montgomery 7th ed. §9.2.1 example).
        let chart = try EWMAChart.analyze(PublishedData.table9_1, lambda: 0.1, width: 2.7, options: ChartOptions(standards: standards))
        // z1 = 0.1·9.45 + 0.9·10 = 9.945; z2 = 0.1·7.99 + 0.9·9.945 = 9.7495.
        #expect(close(chart.primary.statistics[0] ?? 0, 9.945, relative: 1e-14))
        #expect(close(chart.primary.statistics[1] ?? 0, 9.7495, relative: 1e-14))
        // UCL1 = 10 + 2.7√(0.1/1.9·(1 − 0.81)) = 10 + 2.7·0.1 = 10.27; UCL2 = 10 + 2.7√(0.1/1.9·0.3439) = 10.36325.
        #expect(close(chart.primary.upper[0], 10.27, relative: 1e-14))
        #expect(agrees(chart.primary.upper[1], with: "10.36325"))
        // The limits approach 10 ± 2.7√(0.1/1.9) = 10 ± 0.6194225.
        #expect(agrees(chart.primary.upper[29], with: "10.62"))
        // Montgomery tabulates z28 = 10.5731 < UCL 10.6186, z29 = 10.6468 > 10.6187, z30 = 10.6341 > 10.6189:
        // the chart signals at observation 29 and 30.
        #expect(agrees(chart.primary.statistics[27] ?? 0, with: "10.5731"))
        #expect(agrees(chart.primary.statistics[28] ?? 0, with: "10.6468"))
        #expect(chart.primary.beyond == [28, 29])
        #expect(chart.primary.violations.isEmpty)
    }

    @Test func nistHandbookExample() throws {
        // NIST e-Handbook §6.3.2.4: λ = 0.3, EWMA0 = 50, s = 2.0539, k = 3. Printed EWMA (2 decimals) and the
        // asymptotic limits 50 ± 3(0.4201)(2.0539) = 52.5884 and 47.4115 (printed truncated; 47.41157).
        let printed = [
            "50.60", "49.52", "50.56", "50.18", "50.16", "49.21", "49.75", "49.85", "50.26", "50.33",
            "50.11", "49.36", "49.52", "50.05", "49.38", "49.92", "50.73", "51.23", "51.94", "51.99",
        ]
        let chart = try EWMAChart.analyze(
            PublishedData.nistEWMA, lambda: 0.3, width: 3, options: ChartOptions(standards: KnownStandards(center: 50, sigma: 2.0539)))
        for (row, value) in printed.enumerated() {
            #expect(agrees(chart.primary.statistics[row] ?? 0, with: value), "EWMA at \(row + 1)")
        }
        // By point 20 the exact limits equal the asymptotic ones to 1e-6: (1 − 0.7^40) = 1 − 6.4e-7.
        #expect(agrees(chart.primary.upper[19], with: "52.5884"))
        #expect(agrees(chart.primary.lower[19], with: "47.4116"))
        #expect(chart.primary.beyond.isEmpty)
    }

    @Test func rejectsBadParameters() {
        #expect(throws: SPCError.invalidParameter(name: "lambda", value: 0, reason: "must be in (0, 1]")) {
            try EWMAChart.analyze([1, 2], lambda: 0, width: 3)
        }
        #expect(throws: SPCError.invalidParameter(name: "L", value: -1, reason: "must be a positive finite number")) {
            try EWMAChart.analyze([1, 2], lambda: 0.2, width: -1)
        }
    }
}
