/// A process capability study: indices, expected and observed PPM, and a normality check.
///
/// With μ the mean, σw the within-subgroup sigma and σo the overall sample standard deviation
/// (Montgomery, Introduction to Statistical Quality Control, 7th ed., §8.3; AIAG SPC manual, 2nd ed.,
/// ch. IV; Minitab "Normal Capability Analysis" methods and formulas):
/// - Cp = (USL − LSL)/6σw, Cpu = (USL − μ)/3σw, Cpl = (μ − LSL)/3σw, Cpk = min(Cpl, Cpu);
/// - Pp, Ppu, Ppl, Ppk: the same with σo;
/// - Cpm = min(T − LSL, USL − T)/3τ with τ = √(Σ(xᵢ − T)²/(n − 1)) (Minitab; equals
///   (USL − LSL)/6τ when T is the midpoint; one-sided specifications use their one side);
/// - Cpk confidence interval Ĉpk ± z_{α/2}√(1/(9n) + Ĉpk²/(2(n − 1))) (Bissell, Applied Statistics
///   39(3), 1990; Montgomery §8.3.5).
/// An index that needs a missing limit (Cp and Pp for one-sided specifications, Cpm without a
/// target) is nil.
public struct ProcessCapability: Sendable, Equatable {
    /// Number of observations.
    public var count: Int
    /// Sample mean μ.
    public var mean: Double
    /// Within-subgroup sigma σw.
    public var sigmaWithin: Double
    /// How σw was estimated (rbar, sbar or mr).
    public var sigmaWithinMethod: SigmaMethod
    /// Overall sample standard deviation σo (divisor n − 1).
    public var sigmaOverall: Double
    /// Cp, Cpl, Cpu, Cpk, Cpm (within σw; Cpm with τ), nil when the specification lacks a needed limit.
    public var cp: Double?
    public var cpl: Double?
    public var cpu: Double?
    public var cpk: Double?
    public var cpm: Double?
    /// Pp, Ppl, Ppu, Ppk (overall σo), nil when the specification lacks a needed limit.
    public var pp: Double?
    public var ppl: Double?
    public var ppu: Double?
    public var ppk: Double?
    /// Bissell's interval for Cpk.
    public var cpkInterval: ConfidenceInterval?
    /// Expected PPM out of specification with σw.
    public var expectedWithin: PartsPerMillion
    /// Expected PPM out of specification with σo.
    public var expectedOverall: PartsPerMillion
    /// Observed PPM: values strictly below the LSL or strictly above the USL.
    public var observed: PartsPerMillion
    /// Anderson-Darling normality test of the values (nil from streaming moments).
    public var normality: AndersonDarlingTest?
    /// The Box-Cox transform of the values and limits the study was computed on (nil: the values as
    /// measured). Every figure above is then in transformed units.
    public var transform: BoxCoxTransform?
    /// The percentile-method indices of a fitted distribution, when one was asked for.
    public var percentileMethod: PercentileCapability?

    /// Builds the study from sufficient statistics (shared by the batch study and the accumulator).
    init(
        moments: CapabilityMoments, sigmaWithin: Double, method: SigmaMethod,
        specification: SpecificationLimits, confidenceLevel: Double, normality: AndersonDarlingTest?
    ) throws(SPCError) {
        let n = moments.count
        guard n >= 2 else { throw .emptyData }
        let sigmaOverall = (moments.sumOfSquaredDeviations / Double(n - 1)).squareRoot()
        guard sigmaWithin > 0, sigmaWithin.isFinite else {
            throw .degenerateSpread(reason: "the within-subgroup sigma is \(sigmaWithin) (all values equal?)")
        }
        guard sigmaOverall > 0 else { throw .degenerateSpread(reason: "all values are equal") }
        let mean = moments.mean
        let lower = specification.lower
        let upper = specification.upper
        count = n
        self.mean = mean
        self.sigmaWithin = sigmaWithin
        self.sigmaWithinMethod = method
        self.sigmaOverall = sigmaOverall
        cpu = upper.map { ($0 - mean) / (3 * sigmaWithin) }
        cpl = lower.map { (mean - $0) / (3 * sigmaWithin) }
        ppu = upper.map { ($0 - mean) / (3 * sigmaOverall) }
        ppl = lower.map { (mean - $0) / (3 * sigmaOverall) }
        if let lower, let upper {
            cp = (upper - lower) / (6 * sigmaWithin)
            pp = (upper - lower) / (6 * sigmaOverall)
        }
        cpk = [cpl, cpu].compactMap { $0 }.min()
        ppk = [ppl, ppu].compactMap { $0 }.min()
        if let target = specification.target {
            // Σ(xᵢ − T)² = Σ(xᵢ − x̄)² + n(x̄ − T)².
            let offset = mean - target
            let tau = ((moments.sumOfSquaredDeviations + Double(n) * offset * offset) / Double(n - 1)).squareRoot()
            let halfWidth = [lower.map { target - $0 }, upper.map { $0 - target }].compactMap { $0 }.min()
            cpm = halfWidth.map { $0 / (3 * tau) }
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw .invalidParameter(name: "confidence", value: confidenceLevel, reason: "must be in (0, 1)")
        }
        if let cpk {
            let z = NormalDistribution.quantile(1 - (1 - confidenceLevel) / 2)
            let half = z * (1 / (9 * Double(n)) + cpk * cpk / (2 * Double(n - 1))).squareRoot()
            cpkInterval = ConfidenceInterval(level: confidenceLevel, lower: cpk - half, upper: cpk + half)
        }
        expectedWithin = .expected(mean: mean, sigma: sigmaWithin, specification: specification)
        expectedOverall = .expected(mean: mean, sigma: sigmaOverall, specification: specification)
        observed = PartsPerMillion(
            below: 1e6 * Double(moments.belowLower) / Double(n), above: 1e6 * Double(moments.aboveUpper) / Double(n))
        self.normality = normality
    }
}

/// The sufficient statistics of a capability study.
struct CapabilityMoments: Sendable, Equatable {
    var count = 0
    var mean = 0.0
    /// Σ(xᵢ − x̄)².
    var sumOfSquaredDeviations = 0.0
    var belowLower = 0
    var aboveUpper = 0
}
