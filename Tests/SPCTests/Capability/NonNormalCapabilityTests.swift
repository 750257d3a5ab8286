import Testing

@testable import SPC

/// Box-Cox and percentile-method capability against numpy/scipy 1.17
/// (Tests/SPCTests/Support/References/capability_nonnormal.py: `stats.boxcox_normmax(x, method="mle")`,
/// `stats.boxcox(x, lmbda)`, `stats.lognorm.fit(x, floc=0)`, `stats.norm.fit(x)`, the Weibull likelihood equation solved
/// by `optimize.brentq` (scipy's `weibull_min.fit` stops 3e-5 short of it here), `ppf`, `cdf`, `sf`, and A² from
/// `logcdf`/`logsf`).
@Suite struct NonNormalCapabilityTests {
    /// 30 flatness readings (mm), right-skewed.
    static let flatness: [Double] = [
        1.039, 2.099, 2.29, 1.409, 1.472, 0.98, 0.809, 0.815, 0.779, 1.855, 1.191, 1.294, 0.916, 0.749, 0.711,
        0.836, 1.599, 1.232, 0.994, 1.097, 0.643, 2.125, 0.707, 1.245, 3.195, 0.388, 0.648, 0.882, 1.287, 0.565,
    ]
    let specification = try! SpecificationLimits(lower: 0.2, upper: 4.0)

    @Test func boxCoxEstimatesLambda() throws {
        let study = try CapabilityStudy.boxCoxIndividuals(Self.flatness, specification: specification)
        let lambda = try #require(study.transform).lambda
        #expect(close(lambda, -0.2164588816382162, relative: 1e-4))
        // The indices depend on λ, hence the optimizer's tolerance.
        #expect(close(study.mean, 0.04703745784501826, relative: 1e-4))
        #expect(close(try #require(study.cp), 1.2624299877954563, relative: 1e-4))
        #expect(close(try #require(study.cpk), 0.9302189428358169, relative: 1e-4))
        #expect(close(try #require(study.ppk), 0.843153046958178, relative: 1e-4))
    }

    @Test(arguments: [
        (
            0.5, 0.1268696452431063, 0.46067781531079244, 0.5151754091737839, 1.123551972689393, 0.8917602232207437, 1.0046975436905616,
            0.7974257778981393
        ),
        (
            0, 0.06968997031168378, 0.42223569926746385, 0.4649868063850055, 1.1824881532405096, 1.0393913423966614, 1.073769632606718,
            0.9438292102981151
        ),
    ])
    func boxCoxWithAGivenLambda(
        reference: (lambda: Double, mean: Double, sigmaWithin: Double, sigmaOverall: Double, cp: Double, cpk: Double, pp: Double, ppk: Double)
    ) throws {
        let (lambda, mean, sigmaWithin, sigmaOverall, cp, cpk, pp, ppk) = reference
        let study = try CapabilityStudy.boxCoxIndividuals(Self.flatness, specification: specification, lambda: lambda)
        #expect(study.transform?.lambda == lambda)
        #expect(close(study.mean, mean, relative: 1e-9))
        #expect(close(study.sigmaWithin, sigmaWithin, relative: 1e-9))
        #expect(close(study.sigmaOverall, sigmaOverall, relative: 1e-9))
        #expect(close(try #require(study.cp), cp, relative: 1e-9))
        #expect(close(try #require(study.cpk), cpk, relative: 1e-9))
        #expect(close(try #require(study.pp), pp, relative: 1e-9))
        #expect(close(try #require(study.ppk), ppk, relative: 1e-9))
    }

    @Test func boxCoxRejectsNonPositiveValuesAndLimits() throws {
        var values = Self.flatness
        values[4] = 0
        #expect(throws: SPCError.nonPositiveValue(row: 4, value: 0, reason: "the Box-Cox transform takes positive values")) {
            try CapabilityStudy.boxCoxIndividuals(values, specification: specification)
        }
        #expect(throws: SPCError.invalidParameter(name: "lsl", value: -1, reason: "must be positive for the Box-Cox transform")) {
            try CapabilityStudy.boxCoxIndividuals(Self.flatness, specification: SpecificationLimits(lower: -1, upper: 4))
        }
        #expect(throws: SPCError.nonPositiveValue(row: 1, value: -2, reason: "the Box-Cox transform takes positive values")) {
            try CapabilityStudy.boxCoxSubgroups([[1, 2], [3, -2]], specification: specification)
        }
        #expect(throws: SPCError.self) { try CapabilityStudy.boxCoxIndividuals([2, 2, 2, 2], specification: specification) }
    }

    struct Reference: Sendable {
        var type: CapabilityDistribution
        var parameters: (Double, Double)
        var percentiles: (Double, Double, Double)
        var indices: (pp: Double, ppl: Double, ppu: Double, ppk: Double)
        var ppm: (below: Double, above: Double)
        var andersonDarling: Double
        /// 1e-9 for closed-form fits, 1e-8 for the Weibull shape found by root finding.
        var relative: Double
    }

    static let references: [Reference] = [
        Reference(
            type: .lognormal, parameters: (0.06968997031168378, 0.4571713454585589),
            percentiles: (0.27203799150547664, 1.0721757234156286, 4.225736175745467),
            indices: (0.9611254635336978, 1.0900319890345653, 0.9284186305739934, 0.9284186305739934),
            ppm: (119.92387556800499, 1989.0530800411475), andersonDarling: 0.2279150584386933, relative: 1e-9),
        Reference(
            type: .weibull, parameters: (2.1200015226785514, 1.3558064563937056),
            percentiles: (0.060078748660080505, 1.1405528706810482, 3.3037872920413336),
            indices: (1.171498594642189, 0.8705001364787854, 1.3218387711863764, 0.8705001364787854),
            ppm: (17146.4032974576, 49.63563666819496), andersonDarling: 0.7955200695097737, relative: 1e-8),
        Reference(
            type: .normal, parameters: (1.1950333333333332, 0.6011022920897536),
            percentiles: (-0.6082597131972027, 1.1950333333333332, 2.998326379863874),
            indices: (1.0536279744745434, 0.5517868187024498, 1.555469130246636, 0.5517868187024498),
            ppm: (48926.987986733, 1.532825302948931), andersonDarling: 1.228857999759164, relative: 1e-9),
    ]

    @Test(arguments: references)
    func percentileMethod(reference: Reference) throws {
        let fit = try PercentileCapability(Self.flatness, distribution: reference.type, specification: specification)
        let tolerance = reference.relative
        #expect(close(fit.distribution.first, reference.parameters.0, relative: tolerance))
        #expect(close(fit.distribution.second, reference.parameters.1, relative: tolerance))
        #expect(close(fit.lowerPercentile, reference.percentiles.0, relative: tolerance))
        #expect(close(fit.median, reference.percentiles.1, relative: tolerance))
        #expect(close(fit.upperPercentile, reference.percentiles.2, relative: tolerance))
        #expect(close(try #require(fit.pp), reference.indices.pp, relative: tolerance))
        #expect(close(try #require(fit.ppl), reference.indices.ppl, relative: tolerance))
        #expect(close(try #require(fit.ppu), reference.indices.ppu, relative: tolerance))
        #expect(close(try #require(fit.ppk), reference.indices.ppk, relative: tolerance))
        #expect(close(fit.expected.below, reference.ppm.below, relative: tolerance))
        #expect(close(fit.expected.above, reference.ppm.above, relative: tolerance))
        #expect(close(fit.andersonDarling, reference.andersonDarling, relative: tolerance))
    }

    @Test func fitsRejectNonPositiveValues() {
        #expect(throws: SPCError.nonPositiveValue(row: 2, value: -1, reason: "a weibull fit takes positive values")) {
            try PercentileCapability([1, 2, -1, 3], distribution: .weibull, specification: specification)
        }
        #expect(throws: SPCError.degenerateSpread(reason: "all values are equal")) {
            try PercentileCapability([2, 2, 2], distribution: .lognormal, specification: specification)
        }
    }
}
