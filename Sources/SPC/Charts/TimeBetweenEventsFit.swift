#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distribution fitted to a t chart's phase I times: Weibull with `shape` and `scale`, the
/// exponential being shape 1 and scale the mean time (1/λ̂).
public struct TimeBetweenEventsFit: Sendable, Equatable {
    /// Exponential or Weibull.
    public var distribution: TimeBetweenEventsDistribution
    /// Weibull shape k (1 for the exponential).
    public var shape: Double
    /// Weibull scale η, in the unit of the times (the mean 1/λ̂ for the exponential).
    public var scale: Double

    /// Fits `distribution` to positive `times` (Weibull: by maximum likelihood, as ``FittedDistribution``).
    /// - Throws: for a Weibull fit, `SPCError.emptyData` for fewer than 3 times and
    ///   `SPCError.degenerateSpread` when they are all equal.
    init(_ distribution: TimeBetweenEventsDistribution, times: [Double]) throws(SPCError) {
        self.distribution = distribution
        switch distribution {
        case .exponential:
            shape = 1
            scale = times.reduce(0, +) / Double(times.count)
        case .weibull:
            let fit = try FittedDistribution(.weibull, fittedTo: times)
            shape = fit.first
            scale = fit.second
        }
    }

    /// The rate λ̂ = 1/mean of an exponential fit; nil for Weibull.
    public var rate: Double? {
        distribution == .exponential ? 1 / scale : nil
    }

    /// The time below which a fraction `probability` of the times fall, 0 < p < 1: η(−ln(1 − p))^(1/k).
    public func quantile(_ probability: Double) -> Double {
        scale * pow(-log1p(-probability), 1 / shape)
    }

    /// The standard deviation of the fitted distribution, η√(Γ(1 + 2/k) − Γ(1 + 1/k)²) (the mean
    /// for the exponential).
    public var standardDeviation: Double {
        guard distribution == .weibull else { return scale }
        let first = tgamma(1 + 1 / shape)
        return scale * max(0, tgamma(1 + 2 / shape) - first * first).squareRoot()
    }
}
