import Foundation
import Testing

@testable import SPC

@Suite struct FDistributionTests {
    /// R 4.x: `options(digits = 15); pf(2.5, 3, 10, lower.tail = FALSE); pf(0.5, 4, 20); pf(5.27, 18, 60, lower.tail = FALSE);
    /// pf(30, 1, 2); pf(1.2, 100, 7); pbeta(0.3, 2.5, 0.7); pbeta(0.95, 50, 3)`.
    @Test func matchesR() {
        #expect(close(FDistribution(numerator: 3, denominator: 10).upperTail(2.5), 0.119039562658278, relative: 1e-12))
        #expect(close(FDistribution(numerator: 4, denominator: 20).cumulative(0.5), 0.263962811089076, relative: 1e-12))
        #expect(close(FDistribution(numerator: 18, denominator: 60).upperTail(5.27), 5.10401759670259e-07, relative: 1e-10))
        #expect(close(FDistribution(numerator: 1, denominator: 2).cumulative(30), 0.968245836551854, relative: 1e-12))
        #expect(close(FDistribution(numerator: 100, denominator: 7).cumulative(1.2), 0.562153221078233, relative: 1e-12))
        #expect(close(IncompleteBeta.regularized(x: 0.3, a: 2.5, b: 0.7).lower, 0.0298140248452504, relative: 1e-12))
        #expect(close(IncompleteBeta.regularized(x: 0.95, a: 50, b: 3).lower, 0.514569522163019, relative: 1e-12))
        #expect(FDistribution(numerator: 3, denominator: 10).upperTail(0) == 1)
    }

    @Test func gaussLegendreIntegratesPolynomialsExactly() {
        // ∫₀² x⁷ dx = 2⁸/8 = 32, exact for 4 or more nodes (degree 2n − 1 ≥ 7).
        let rule = GaussLegendreRule(count: 4, from: 0, to: 2)
        let integral = zip(rule.nodes, rule.weights).reduce(0.0) { $0 + $1.1 * pow($1.0, 7) }
        #expect(close(integral, 32, relative: 1e-14))
        #expect(close(GaussLegendreRule(count: 301, from: -1, to: 3).weights.reduce(0, +), 4, relative: 1e-13))
    }

    // scipy 1.17: stats.f.ppf(0.99, 3, 20), f.ppf(0.9973, 52, 99948), f.ppf(0.95, 1, 1), f.ppf(0.999, 10, 5);
    // R 4.x qf agrees to 1e-14 (Support/References/multivariate.py).
    @Test func quantileMatchesScipy() {
        #expect(close(FDistribution(numerator: 3, denominator: 20).quantile(0.99), 4.938193382310538, relative: 1e-10))
        #expect(close(FDistribution(numerator: 52, denominator: 99948).quantile(0.9973), 1.632397196624971, relative: 1e-10))
        #expect(close(FDistribution(numerator: 1, denominator: 1).quantile(0.95), 161.4476387975882, relative: 1e-10))
        #expect(close(FDistribution(numerator: 10, denominator: 5).quantile(0.999), 26.916567589770686, relative: 1e-10))
        #expect(FDistribution(numerator: 3, denominator: 20).quantile(1).isNaN)
    }
}
