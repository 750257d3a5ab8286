#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A live EWMA chart with frozen μ₀ and σ and exact time-varying limits (see `EWMAChart`).
public struct EWMAMonitor: Sendable, Codable {
    /// Target μ₀.
    public let center: Double
    /// Process standard deviation σ.
    public let sigma: Double
    /// Weight λ of the newest value.
    public let lambda: Double
    /// Limit width L, in σ of the EWMA statistic.
    public let width: Double

    private var smoothed: Double
    private var index = 0

    /// - Throws: `SPCError.invalidParameter` for λ outside (0, 1], L ≤ 0, a non-finite μ₀ or σ ≤ 0.
    public init(center: Double, sigma: Double, lambda: Double, width: Double) throws(SPCError) {
        try KnownStandards(center: center, sigma: sigma).validate()
        guard lambda > 0, lambda <= 1 else { throw .invalidParameter(name: "lambda", value: lambda, reason: "must be in (0, 1]") }
        guard width > 0, width.isFinite else { throw .invalidParameter(name: "L", value: width, reason: "must be a positive finite number") }
        self.center = center
        self.sigma = sigma
        self.lambda = lambda
        self.width = width
        smoothed = center
    }

    /// Feeds the next value.
    ///
    /// - Throws: `SPCError.nonFiniteValue` naming the row.
    public mutating func add(_ value: Double) throws(SPCError) -> MonitorSignal {
        guard value.isFinite else { throw .nonFiniteValue(row: index) }
        smoothed = EWMAChart.smooth(value, previous: smoothed, lambda: lambda)
        let statisticSigma = EWMAChart.statisticSigma(sigma, lambda: lambda, point: index + 1)
        let lower = center - width * statisticSigma
        let upper = center + width * statisticSigma
        defer { index += 1 }
        return MonitorSignal(
            index: index, statistic: smoothed, center: center, lower: lower, upper: upper,
            isBeyond: smoothed > upper || smoothed < lower, violations: [])
    }
}
