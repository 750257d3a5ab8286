import Testing

@testable import SPC

/// Reference values: scipy 1.17 `stats.expon.fit(t, floc=0)` and `stats.weibull_min.fit(t, floc=0)` with their
/// `median`, `ppf` and `std`, Tests/SPCTests/Support/References/rare_event_laney_short_run.py.
@Suite struct TimeBetweenEventsChartTests {
    /// Hours between 20 breakdowns.
    static let times = [
        38.22, 5.41, 34.2, 15.46, 33.75, 72.39, 8.73, 27.46, 30.43, 8.96, 8.09, 36.62, 19.63, 43.21, 13.52, 20.04, 35.85, 53.5, 19.99, 26.22,
    ]

    @Test func exponentialProbabilityLimits() throws {
        let chart = try TimeBetweenEventsChart.analyze(Self.times)
        #expect(chart.type == .t)
        let fit = try #require(chart.timeBetweenEvents)
        #expect(close(fit.scale, 27.584000000000003, relative: 1e-13))
        #expect(close(try #require(fit.rate), 0.036252900232018555, relative: 1e-13))
        #expect(close(chart.processCenter, 19.119771828565533, relative: 1e-12))
        #expect(close(chart.primary.center[0], 19.119771828565533, relative: 1e-12))
        #expect(close(chart.primary.lower[0], 0.037263558565257877, relative: 1e-12))
        #expect(close(chart.primary.upper[0], 182.26543653729394, relative: 1e-12))
        #expect(chart.primary.statistics.compactMap { $0 } == Self.times)
        #expect(chart.primary.beyond.isEmpty)
        // A burst of failures 0.02 and 0.01 h apart plots below the LCL.
        let burst = try TimeBetweenEventsChart.analyze(Self.times + [0.02, 0.01], options: ChartOptions(phaseOne: 0..<20))
        #expect(burst.primary.beyond == [20, 21])
    }

    @Test func weibullMaximumLikelihood() throws {
        let chart = try TimeBetweenEventsChart.analyze(Self.times, distribution: .weibull)
        #expect(chart.sigmaMethod == .weibull)
        let fit = try #require(chart.timeBetweenEvents)
        #expect(fit.rate == nil)
        #expect(close(fit.shape, 1.7650405713132971, relative: 1e-4))
        #expect(close(fit.scale, 31.078135075163164, relative: 1e-4))
        #expect(close(chart.processCenter, 25.250684069599298, relative: 1e-4))
        #expect(close(chart.primary.lower[0], 0.73584320359519806, relative: 1e-4))
        #expect(close(chart.primary.upper[0], 90.585811093416226, relative: 1e-4))
        #expect(close(chart.sigma, 16.189271721368026, relative: 1e-4))
    }

    @Test func timesMustBePositive() {
        #expect(throws: SPCError.nonPositiveTime(row: 2, time: 0)) { try TimeBetweenEventsChart.analyze([3, 4, 0]) }
        #expect(throws: SPCError.nonPositiveTime(row: 0, time: -1)) { try TimeBetweenEventsChart.analyze([-1, 4], distribution: .weibull) }
        #expect(throws: SPCError.self) { try TimeBetweenEventsChart.analyze([5, 5, 5], distribution: .weibull) }
        #expect(throws: SPCError.unsupportedOption(name: "distribution", reason: "applies to the t chart only")) {
            try ChartRequest(type: .g, distribution: .weibull).analyze(.values([3, 4]))
        }
    }
}
