import Testing

@testable import SPC

@Suite struct NormalDistributionTests {
    @Test func cumulativeMatchesTables() {
        // Abramowitz & Stegun Table 26.1: Φ(1) = 0.8413447461, Φ(1.96) = 0.9750021049, Φ(−3) = 0.0013498980.
        #expect(agrees(NormalDistribution.cumulative(1), with: "0.8413447461"))
        #expect(agrees(NormalDistribution.cumulative(1.96), with: "0.9750021049"))
        #expect(agrees(NormalDistribution.cumulative(-3), with: "0.0013498980"))
    }

    @Test func quantileInvertsCumulative() {
        // z(0.975) = 1.959963985 (A&S Table 26.5); z(0.99865) ≈ 3 by definition of 3-sigma limits.
        #expect(agrees(NormalDistribution.quantile(0.975), with: "1.959963985"))
        #expect(agrees(NormalDistribution.quantile(0.025), with: "-1.959963985"))
        for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-9] {
            let x = NormalDistribution.quantile(p)
            #expect(close(NormalDistribution.cumulative(x), p, relative: 1e-12))
        }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
    }
}
