import Testing

@testable import SPC

/// Reference values: numpy, Tests/SPCTests/Support/References/rare_event_laney_short_run.py.
@Suite struct ShortRunChartTests {
    static let parts = "AABACBBCACBACBACBC".map(String.init)
    /// Part B shifts at row 16 (26.9 against about 25).
    static let values = [10.0, 10.06, 24.86, 9.82, 5.45, 24.5, 25.03, 5.63, 9.9, 5.44, 25.24, 10.07, 5.51, 24.53, 9.99, 5.57, 26.9, 5.45]

    @Test func sigmaPerPart() throws {
        let chart = try ShortRunChart.zmr(parts: Self.parts, values: Self.values, options: ChartOptions(rules: .westernElectric))
        let estimates = try #require(chart.shortRun)
        #expect(estimates.sigmaBy == .part)
        #expect(estimates.parts.map(\.part) == ["A", "B", "C"])
        #expect(estimates.parts.map(\.count) == [6, 6, 6])
        let expected: [(Double, Double)] = [
            (9.9733333333333345, 0.11166459260704766), (25.176666666666666, 0.74088570967850442), (5.5083333333333337, 0.10989213875614186),
        ]
        for (estimate, (mean, sigma)) in zip(estimates.parts, expected) {
            #expect(close(estimate.mean, mean, relative: 1e-12))
            #expect(close(estimate.sigma, sigma, relative: 1e-9))
        }
        #expect(close(try #require(chart.primary.statistics[0]), 0.23881040573448931, relative: 1e-9))
        #expect(close(try #require(chart.primary.statistics[16]), 2.3260447742758403, relative: 1e-9))
        #expect(close(try #require(chart.primary.statistics[17]), -0.53082353290783801, relative: 1e-9))
        #expect(chart.primary.center[0] == 0)
        #expect(chart.primary.upper[0] == 3)
        #expect(chart.primary.lower[0] == -3)
        let movingRange = try #require(chart.secondary)
        #expect(movingRange.statistics[0] == nil)
        #expect(close(try #require(movingRange.statistics[16]), 1.7648884680589865, relative: 1e-9))
        #expect(close(movingRange.center[0], 1.1283791670955126, relative: 1e-12))
        #expect(close(movingRange.upper[0], 3.6858865663777776, relative: 1e-12))
        // B's own σ absorbs its shift: nothing is beyond.
        #expect(chart.primary.beyond.isEmpty)
        #expect(movingRange.beyond.isEmpty)
        #expect(chart.primaryPanel == "z")
    }

    @Test func constantSigmaPoolsAllParts() throws {
        let chart = try ShortRunChart.zmr(parts: Self.parts, values: Self.values, sigmaBy: .constant)
        let estimates = try #require(chart.shortRun)
        for estimate in estimates.parts {
            #expect(close(estimate.sigma, 0.32081414701389793, relative: 1e-9))
        }
        #expect(close(try #require(chart.primary.statistics[0]), 0.083121853929684353, relative: 1e-9))
        #expect(close(try #require(chart.primary.statistics[16]), 5.371749810206083, relative: 1e-9))
        #expect(close(try #require(chart.primary.statistics[17]), -0.18182905547119319, relative: 1e-9))
        #expect(close(try #require(chart.secondary?.statistics[16]), 5.1795305229936801, relative: 1e-9))
        #expect(chart.primary.beyond == [16])
        #expect(chart.secondary?.beyond == [16, 17])
    }

    @Test func runRulesApplyToTheZChart() throws {
        // Part P alternates 0 and 1; part Q's last 9 values all sit above its mean: Nelson 2 fires at the ninth.
        let parts = Array(repeating: "P", count: 10) + Array(repeating: "Q", count: 12)
        let values = (0..<10).map { Double($0 % 2) } + [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1].map { $0 + 0.001 }
        let chart = try ShortRunChart.zmr(parts: parts, values: values, options: ChartOptions(rules: .nelson))
        #expect(chart.primary.violations.contains { $0.rule == .n2 && $0.index == 21 })
    }

    @Test func aPartWithOneValueIsNamed() throws {
        let parts = Self.parts + ["D"]
        let values = Self.values + [40]
        #expect(throws: SPCError.tooFewPartValues(part: "D", count: 1, minimum: 2)) {
            try ShortRunChart.zmr(parts: parts, values: values)
        }
        // With a pooled σ a single value gives the part's mean (so its z is 0).
        let pooled = try ShortRunChart.zmr(parts: parts, values: values, sigmaBy: .constant)
        #expect(pooled.primary.statistics[18] == 0)
        // Phase I without part C's values.
        #expect(throws: SPCError.tooFewPartValues(part: "C", count: 0, minimum: 2)) {
            try ShortRunChart.zmr(parts: ["A", "A", "C"], values: [1, 2, 3], options: ChartOptions(phaseOne: 0..<2))
        }
        #expect(throws: SPCError.self) { try ShortRunChart.zmr(parts: ["A", "A", "B", "B"], values: [1, 1, 2, 3]) }
        #expect(throws: SPCError.unsupportedOption(name: "sigma-by", reason: "applies to the zmr chart only")) {
            try ChartRequest(type: .individuals, sigmaBy: .constant).analyze(.values([1, 2]))
        }
    }
}
