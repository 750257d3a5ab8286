#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Capability of a non-normal process by the percentile method of ISO 22514-2:2017 (which took it over
/// from ISO 21747; after Clements, Quality Progress 22(9), 1989), on a distribution fitted by
/// maximum likelihood (``FittedDistribution``):
/// Pp = (USL − LSL)/(X₀.₉₉₈₆₅ − X₀.₀₀₁₃₅), Ppu = (USL − X₀.₅)/(X₀.₉₉₈₆₅ − X₀.₅),
/// Ppl = (X₀.₅ − LSL)/(X₀.₅ − X₀.₀₀₁₃₅), Ppk = min(Ppl, Ppu); expected PPM 10⁶·F(LSL) and
/// 10⁶·(1 − F(USL)) from the fitted distribution; and the Anderson-Darling statistic of the fit,
/// so that the distribution with the smallest can be chosen.
public struct PercentileCapability: Sendable, Equatable {
    /// The fitted distribution and its parameters.
    public var distribution: FittedDistribution
    /// X₀.₀₀₁₃₅, X₀.₅ and X₀.₉₉₈₆₅ of the fitted distribution.
    public var lowerPercentile: Double
    public var median: Double
    public var upperPercentile: Double
    /// nil when the specification lacks a needed limit.
    public var pp: Double?
    public var ppl: Double?
    public var ppu: Double?
    public var ppk: Double?
    /// Expected PPM out of specification under the fitted distribution.
    public var expected: PartsPerMillion
    /// A² of the fit.
    public var andersonDarling: Double

    /// Fits `distribution` to `values` and computes the indices against `specification`.
    ///
    /// - Throws: the errors of ``FittedDistribution/init(_:fittedTo:)``.
    public init(_ values: [Double], distribution type: CapabilityDistribution, specification: SpecificationLimits) throws(SPCError) {
        let fitted = try FittedDistribution(type, fittedTo: values)
        let lower = fitted.quantile(0.00135)
        let median = fitted.quantile(0.5)
        let upper = fitted.quantile(0.99865)
        distribution = fitted
        lowerPercentile = lower
        self.median = median
        upperPercentile = upper
        ppu = specification.upper.map { ($0 - median) / (upper - median) }
        ppl = specification.lower.map { (median - $0) / (median - lower) }
        if let lsl = specification.lower, let usl = specification.upper { pp = (usl - lsl) / (upper - lower) }
        ppk = [ppl, ppu].compactMap { $0 }.min()
        expected = PartsPerMillion(
            below: specification.lower.map { 1e6 * exp(fitted.logCumulative($0)) } ?? 0,
            above: specification.upper.map { 1e6 * exp(fitted.logSurvival($0)) } ?? 0)
        andersonDarling = fitted.andersonDarling(values)
    }
}
