import Testing

@testable import SPC

@Suite struct FisherDistributionTests {
    // scipy 1.17: stats.f.ppf(0.99, 3, 20), f.ppf(0.9973, 52, 99948), f.ppf(0.95, 1, 1), f.ppf(0.999, 10, 5);
    // R 4.x qf agrees to 1e-14 (Support/References/multivariate.py).
    @Test func quantileMatchesScipy() {
        #expect(close(FisherDistribution.quantile(0.99, numeratorDegrees: 3, denominatorDegrees: 20), 4.938193382310538, relative: 1e-10))
        #expect(close(FisherDistribution.quantile(0.9973, numeratorDegrees: 52, denominatorDegrees: 99948), 1.632397196624971, relative: 1e-10))
        #expect(close(FisherDistribution.quantile(0.95, numeratorDegrees: 1, denominatorDegrees: 1), 161.4476387975882, relative: 1e-10))
        #expect(close(FisherDistribution.quantile(0.999, numeratorDegrees: 10, denominatorDegrees: 5), 26.916567589770686, relative: 1e-10))
        #expect(FisherDistribution.quantile(1, numeratorDegrees: 3, denominatorDegrees: 20).isNaN)
    }
}
