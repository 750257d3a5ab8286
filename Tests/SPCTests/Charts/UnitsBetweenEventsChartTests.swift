import Testing

@testable import SPC

/// Reference values: numpy, Tests/SPCTests/Support/References/rare_event_laney_short_run.py (Benneyan 2001 formulas).
@Suite struct UnitsBetweenEventsChartTests {
    static let counts: [Double] = [20, 8, 17, 6, 34, 10, 6, 11, 33, 55, 109, 21, 12, 4, 20, 23, 141, 24, 127, 9]

    @Test func limitsAreGeometric() throws {
        let chart = try UnitsBetweenEventsChart.analyze(Self.counts)
        #expect(chart.type == .g)
        #expect(chart.sigmaMethod == .geometric)
        #expect(close(chart.processCenter, 34.5, relative: 1e-14))
        #expect(close(chart.sigma, 34.996428389194229, relative: 1e-12))
        #expect(close(chart.primary.upper[0], 139.48928516758269, relative: 1e-12))
        #expect(chart.primary.lower[0] == 0)
        #expect(chart.primary.beyond == [16])
    }

    @Test func knownCenterAndBadInput() throws {
        // ḡ = 10: UCL = 10 + 3√110 = 41.4642..., every count above it is beyond.
        let known = try UnitsBetweenEventsChart.analyze([5, 50], options: ChartOptions(standards: KnownStandards(center: 10)))
        #expect(close(known.primary.upper[0], 10 + 3 * 110.0.squareRoot(), relative: 1e-14))
        #expect(known.primary.beyond == [1])
        #expect(throws: SPCError.invalidCount(row: 1, count: -2)) { try UnitsBetweenEventsChart.analyze([3, -2]) }
        #expect(throws: SPCError.self) { try UnitsBetweenEventsChart.analyze([0, 0]) }
        #expect(
            throws: SPCError.unsupportedOption(
                name: "rules", reason: "g and t charts take no run rules (their distributions are skewed: the zones of a normal chart do not apply)")
        ) {
            try ChartRequest(type: .g, options: ChartOptions(rules: .westernElectric)).analyze(.values([3, 4]))
        }
    }
}
