import Testing

@testable import SPC

/// Reference values: scipy 1.17 `stats.weibull_min.fit(x, floc=0)` and `ppf(0.5)`,
/// Tests/SPCTests/Support/References/rare_event_laney_short_run.py; compared to 1e-4 (an optimizer decides).
@Suite struct TimeBetweenEventsFitTests {
    @Test(arguments: [
        (
            [0.158, 0.869, 3.779, 0.006, 0.041, 43.112, 0.015, 0.107, 0.256, 1.486, 0.359, 1.993, 3.098, 0.05, 6.487],
            0.44399962773761326, 1.3816695107589663, 0.60520521228889657
        ),
        (
            [106.27, 122.22, 124.13, 111.68, 105.97, 88.03, 88.91, 91.54, 98.2, 118.65, 97.0, 105.71],
            9.6113590060907974, 110.30635059044758, 106.17919561549992
        ),
    ])
    func maximumLikelihoodMatchesScipy(values: [Double], shape: Double, scale: Double, median: Double) throws {
        let fit = try TimeBetweenEventsFit(.weibull, times: values)
        #expect(close(fit.shape, shape, relative: 1e-4))
        #expect(close(fit.scale, scale, relative: 1e-4))
        #expect(close(fit.quantile(0.5), median, relative: 1e-4))
    }

    @Test func equalValuesHaveNoFit() {
        #expect(throws: SPCError.self) { try TimeBetweenEventsFit(.weibull, times: [2, 2, 2]) }
        #expect(throws: SPCError.self) { try TimeBetweenEventsFit(.weibull, times: [2]) }
    }
}
