#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Anderson-Darling test of normality with mean and standard deviation estimated from the sample.
///
/// A² = −n − (1/n) Σᵢ (2i − 1)[ln Φ(zᵢ) + ln(1 − Φ(zₙ₊₁₋ᵢ))] with zᵢ = (x₍ᵢ₎ − x̄)/s on the sorted
/// sample (Anderson & Darling 1954; Stephens 1974). The p-value comes from the adjusted
/// A* = A²(1 + 0.75/n + 2.25/n²) by the four-piece approximation of D'Agostino & Stephens,
/// Goodness-of-Fit Techniques (1986), Table 4.9, as Minitab and R nortest do. A small p-value (below
/// 0.05, say) means the data are unlikely to be normal, and normal-theory capability indices and
/// expected PPM should not be trusted.
public struct AndersonDarlingTest: Sendable, Equatable {
    /// Number of observations.
    public let count: Int
    /// A², as Minitab prints it ("AD").
    public let statistic: Double
    /// A* = A²(1 + 0.75/n + 2.25/n²).
    public let adjustedStatistic: Double
    /// Probability of an A* at least this large for normal data.
    public let pValue: Double

    /// Tests `values` for normality.
    ///
    /// - Throws: `SPCError.emptyData` for fewer than 3 values, `SPCError.nonFiniteValue` naming the row,
    ///   `SPCError.degenerateSpread` when all values are equal.
    public init(_ values: [Double]) throws(SPCError) {
        guard values.count >= 3 else { throw .emptyData }
        if let row = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(row: row) }
        let statistics = SampleStatistics(values)
        guard statistics.standardDeviation > 0 else {
            throw .degenerateSpread(reason: "the Anderson-Darling test needs values that are not all equal")
        }
        let sorted = values.sorted()
        let n = sorted.count
        var sum = 0.0
        for i in 0..<n {
            let low = (sorted[i] - statistics.mean) / statistics.standardDeviation
            let high = (sorted[n - 1 - i] - statistics.mean) / statistics.standardDeviation
            // ln(1 − Φ(z)) is computed as ln Φ(−z) to keep precision in the upper tail.
            sum += Double(2 * i + 1) * (log(NormalDistribution.cumulative(low)) + log(NormalDistribution.cumulative(-high)))
        }
        let size = Double(n)
        let statistic = -size - sum / size
        let adjusted = statistic * (1 + 0.75 / size + 2.25 / (size * size))
        self.count = n
        self.statistic = statistic
        self.adjustedStatistic = adjusted
        self.pValue = Self.pValue(adjusted: adjusted)
    }

    /// D'Agostino & Stephens (1986) Table 4.9, case 3 (μ and σ estimated).
    static func pValue(adjusted a: Double) -> Double {
        let p: Double
        if a < 0.2 {
            p = 1 - exp(-13.436 + 101.14 * a - 223.73 * a * a)
        } else if a < 0.34 {
            p = 1 - exp(-8.318 + 42.796 * a - 59.938 * a * a)
        } else if a < 0.6 {
            p = exp(0.9177 - 4.279 * a - 1.38 * a * a)
        } else if a < 153 {
            p = exp(1.2937 - 5.709 * a + 0.0186 * a * a)
        } else {
            // The quadratic turns upward beyond its minimum near 153.5, where p is already below 1e-189.
            p = 0
        }
        return min(1, max(0, p))
    }
}
