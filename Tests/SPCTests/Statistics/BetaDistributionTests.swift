import Testing

@testable import SPC

@Suite struct BetaDistributionTests {
    // scipy 1.17: special.betainc(2.5, 3, 0.3), betainc(26, 49974, 0.0007), betainc(0.5, 0.5, 0.999);
    // R 4.x pbeta gives the same to 1e-15 (Support/References/multivariate.py).
    @Test func cumulativeMatchesScipy() {
        #expect(close(BetaDistribution.cumulative(0.3, a: 2.5, b: 3), 0.2412375539211816, relative: 1e-12))
        #expect(close(BetaDistribution.cumulative(0.0007, a: 26, b: 49974), 0.9514253064051418, relative: 1e-10))
        #expect(close(BetaDistribution.cumulative(0.999, a: 0.5, b: 0.5), 0.9798649583666235, relative: 1e-12))
    }

    // scipy 1.17: stats.beta.ppf(0.9973, 1.5, 8), ppf(0.99, 26, 49974), ppf(1e-8, 2.5, 3), ppf(0.5, 0.5, 0.5);
    // R qbeta agrees (multivariate.py).
    @Test func quantileMatchesScipy() {
        #expect(close(BetaDistribution.quantile(0.9973, a: 1.5, b: 8), 0.5770332486414866, relative: 1e-10))
        #expect(close(BetaDistribution.quantile(0.99, a: 26, b: 49974), 0.0007860607909754328, relative: 1e-10))
        #expect(close(BetaDistribution.quantile(1e-8, a: 2.5, b: 3), 0.00027641931072642476, relative: 1e-10))
        #expect(close(BetaDistribution.quantile(0.5, a: 0.5, b: 0.5), 0.5, relative: 1e-12))
        #expect(BetaDistribution.quantile(0, a: 2, b: 3) == 0)
        #expect(BetaDistribution.quantile(1.2, a: 2, b: 3).isNaN)
        #expect(BetaDistribution.quantile(0.5, a: 0, b: 3).isNaN)
    }
}
