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

    /// Fits `distribution` to positive `times`.
    /// - Throws: `SPCError.degenerateSpread` when a Weibull fit has fewer than 2 different times.
    init(_ distribution: TimeBetweenEventsDistribution, times: [Double]) throws(SPCError) {
        self.distribution = distribution
        switch distribution {
        case .exponential:
            shape = 1
            scale = times.reduce(0, +) / Double(times.count)
        case .weibull:
            let fit = try WeibullFit.maximumLikelihood(times)
            shape = fit.shape
            scale = fit.scale
        }
    }

    /// The rate λ̂ = 1/mean of an exponential fit; nil for Weibull.
    public var rate: Double? {
        distribution == .exponential ? 1 / scale : nil
    }

    /// The time below which a fraction `probability` of the times fall, 0 < p < 1.
    public func quantile(_ probability: Double) -> Double {
        WeibullFit(shape: shape, scale: scale).quantile(probability)
    }

    /// The standard deviation of the fitted distribution (the mean for the exponential).
    public var standardDeviation: Double {
        distribution == .exponential ? scale : WeibullFit(shape: shape, scale: scale).standardDeviation
    }
}
