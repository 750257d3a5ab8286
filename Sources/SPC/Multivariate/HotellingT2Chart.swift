#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hotelling's T² control chart of individual observations or of subgroups, with phase I and
/// phase II limits (Montgomery, *Introduction to Statistical Quality Control*, 7th ed., §11.3;
/// Tracy, Young & Mason, *Journal of Quality Technology* 24(2), 1992, for individuals; qcc's `mqcc`).
///
/// Individuals: T²ᵢ = (xᵢ − x̄)ᵀ S⁻¹ (xᵢ − x̄) with the phase I mean x̄ and covariance S (divisor
/// m − 1); phase I rows are compared with (m−1)²/m · Beta₁₋α(p/2, (m−p−1)/2), the other rows with
/// p(m+1)(m−1)/(m² − mp) · F₁₋α(p, m−p).
/// Subgroups of n: T²ⱼ = n (x̄ⱼ − x̿)ᵀ S̄⁻¹ (x̄ⱼ − x̿) with S̄ the mean of the phase I subgroup
/// covariances; limits p(m−1)(n−1)/(mn−m−p+1) · F₁₋α(p, mn−m−p+1) in phase I and the same with
/// m + 1 for m − 1 after it. m counts phase I observations (individuals) or subgroups.
public struct HotellingT2Chart: Sendable, Equatable {
    /// The variable names.
    public let variables: [String]
    /// Rows per subgroup; 1 for individual observations.
    public let subgroupSize: Int
    /// The phase I points (rows, or subgroups), 0-based.
    public let phaseOne: Range<Int>
    /// The false-alarm probability per point of both limits.
    public let alpha: Double
    /// The phase I mean of each variable (x̄, or x̿ for subgroups).
    public let means: [Double]
    /// T² of every point (row or subgroup).
    public let statistics: [Double]
    /// The upper control limit of phase I points.
    public let upperLimitPhaseOne: Double
    /// The upper control limit of the other points (phase II).
    public let upperLimitPhaseTwo: Double
    /// The points strictly beyond their limit.
    public let beyond: [Int]
    /// For each point beyond, the variables ranked by their unconditional term of the
    /// Mason–Young–Tracy decomposition, (xⱼ − x̄ⱼ)²/sⱼⱼ (n (x̄ⱼ − x̿ⱼ)²/s̄ⱼⱼ for subgroups).
    public let contributions: [PointContributions]

    /// The default false-alarm probability for p variables, 1 − (1 − 0.0027)^p, as qcc's `mqcc`.
    public static func defaultAlpha(variables: Int) -> Double {
        -expm1(Double(variables) * log1p(-0.0027))
    }

    /// The T² chart of individual observations (rows of `data`).
    /// - Parameters:
    ///   - phaseOne: the rows that estimate x̄ and S (default: all).
    ///   - alpha: the false-alarm probability, 0 < α < 1 (default ``defaultAlpha(variables:)``).
    /// - Throws: ``SPCError/invalidPhaseOneWindow(lower:upper:count:)``; ``SPCError/tooFewObservations(count:variables:minimum:)``
    ///   when phase I has fewer than p + 2 rows; ``SPCError/constantVariables(_:)`` or
    ///   ``SPCError/collinearVariables(variable:others:)`` for a singular covariance; ``SPCError/invalidParameter(name:value:reason:)`` for α.
    public static func individuals(_ data: ObservationMatrix, phaseOne: Range<Int>? = nil, alpha: Double? = nil) throws(SPCError)
        -> HotellingT2Chart
    {
        let p = data.variables.count
        let window = try checkedWindow(phaseOne, count: data.rowCount)
        let alpha = try checkedAlpha(alpha, variables: p)
        let m = window.count
        guard m >= p + 2 else { throw .tooFewObservations(count: m, variables: p, minimum: p + 2) }
        let moments = data.values.withUnsafeBufferPointer { SampleCovariance($0, columns: p, rows: window) }
        let factor = try moments.correlationFactor(names: data.variables)
        let (mp, pp) = (Double(m), Double(p))
        let limitOne = (mp - 1) * (mp - 1) / mp * BetaDistribution.quantile(1 - alpha, a: pp / 2, b: (mp - pp - 1) / 2)
        let limitTwo =
            pp * (mp + 1) * (mp - 1) / (mp * mp - mp * pp) * FDistribution(numerator: pp, denominator: mp - pp).quantile(1 - alpha)
        return data.values.withUnsafeBufferPointer { values in
            HotellingT2Chart(
                variables: data.variables, subgroupSize: 1, phaseOne: window, alpha: alpha, moments: moments, factor: factor,
                points: values, scale: 1, limits: (limitOne, limitTwo))
        }
    }

    /// The T² chart of subgroups of `size` consecutive rows of `data`.
    /// - Parameters:
    ///   - size: rows per subgroup, at least 2; the rows must divide into whole subgroups.
    ///   - phaseOne: the subgroups that estimate x̿ and S̄ (default: all).
    ///   - alpha: as for ``individuals(_:phaseOne:alpha:)``.
    /// - Throws: as ``individuals(_:phaseOne:alpha:)``; ``SPCError/invalidParameter(name:value:reason:)``
    ///   for a size below 2 or rows that do not fill the last subgroup; ``SPCError/tooFewObservations(count:variables:minimum:)``
    ///   when m(n − 1) < p, the least for S̄ to be invertible.
    public static func subgroups(_ data: ObservationMatrix, size: Int, phaseOne: Range<Int>? = nil, alpha: Double? = nil) throws(SPCError)
        -> HotellingT2Chart
    {
        let p = data.variables.count
        guard size >= 2 else { throw .invalidParameter(name: "subgroup-size", value: Double(size), reason: "a subgroup needs at least 2 rows") }
        guard data.rowCount % size == 0 else {
            throw .invalidParameter(
                name: "subgroup-size", value: Double(size),
                reason: "the \(data.rowCount) rows do not divide into subgroups of \(size): the last has \(data.rowCount % size)")
        }
        let groups = data.rowCount / size
        let window = try checkedWindow(phaseOne, count: groups)
        let alpha = try checkedAlpha(alpha, variables: p)
        let m = window.count
        let minimum = (p + size - 2) / (size - 1)
        guard m >= max(minimum, 2) else { throw .tooFewObservations(count: m, variables: p, minimum: max(minimum, 2)) }
        let moments = data.values.withUnsafeBufferPointer { SampleCovariance($0, columns: p, subgroups: window, size: size) }
        let factor = try moments.correlationFactor(names: data.variables)
        var subgroupMeans = [Double](repeating: 0, count: groups * p)
        for group in 0..<groups {
            for row in (group * size)..<((group + 1) * size) {
                for j in 0..<p { subgroupMeans[group * p + j] += data.values[row * p + j] }
            }
            for j in 0..<p { subgroupMeans[group * p + j] /= Double(size) }
        }
        let (mp, pp, n) = (Double(m), Double(p), Double(size))
        let degrees = mp * n - mp - pp + 1
        let quantile = FDistribution(numerator: pp, denominator: degrees).quantile(1 - alpha)
        let limits = (pp * (mp - 1) * (n - 1) / degrees * quantile, pp * (mp + 1) * (n - 1) / degrees * quantile)
        return subgroupMeans.withUnsafeBufferPointer { points in
            HotellingT2Chart(
                variables: data.variables, subgroupSize: size, phaseOne: window, alpha: alpha, moments: moments, factor: factor,
                points: points, scale: n, limits: limits)
        }
    }

    /// Scores every point (a row of `points`) against the phase I moments.
    private init(
        variables: [String], subgroupSize: Int, phaseOne: Range<Int>, alpha: Double, moments: SampleCovariance,
        factor: CholeskyFactorization, points: UnsafeBufferPointer<Double>, scale: Double, limits: (Double, Double)
    ) {
        let p = variables.count
        let count = points.count / p
        let deviations = moments.standardDeviations
        var statistics = [Double](repeating: 0, count: count)
        var beyond: [Int] = []
        var contributions: [PointContributions] = []
        var standardized = [Double](repeating: 0, count: p)
        var work = [Double](repeating: 0, count: p)
        standardized.withUnsafeMutableBufferPointer { standardized in
            work.withUnsafeMutableBufferPointer { work in
                for point in 0..<count {
                    let base = point * p
                    for j in 0..<p { standardized[j] = (points[base + j] - moments.means[j]) / deviations[j] }
                    let statistic = scale * factor.inverseQuadraticForm(UnsafeBufferPointer(standardized), work: work)
                    statistics[point] = statistic
                    if statistic > (phaseOne.contains(point) ? limits.0 : limits.1) {
                        beyond.append(point)
                        contributions.append(PointContributions(index: point, names: variables, terms: standardized.map { scale * $0 * $0 }))
                    }
                }
            }
        }
        self.variables = variables
        self.subgroupSize = subgroupSize
        self.phaseOne = phaseOne
        self.alpha = alpha
        self.means = moments.means
        self.statistics = statistics
        self.upperLimitPhaseOne = limits.0
        self.upperLimitPhaseTwo = limits.1
        self.beyond = beyond
        self.contributions = contributions
    }

    /// `window` (default: every point) when it is a non-empty part of `count` points.
    static func checkedWindow(_ window: Range<Int>?, count: Int) throws(SPCError) -> Range<Int> {
        let window = window ?? 0..<count
        guard !window.isEmpty, window.lowerBound >= 0, window.upperBound <= count else {
            throw .invalidPhaseOneWindow(lower: window.lowerBound, upper: window.upperBound, count: count)
        }
        return window
    }

    /// `alpha` (default ``defaultAlpha(variables:)``) when 0 < α < 1.
    private static func checkedAlpha(_ alpha: Double?, variables: Int) throws(SPCError) -> Double {
        let alpha = alpha ?? defaultAlpha(variables: variables)
        guard alpha > 0, alpha < 1 else { throw .invalidParameter(name: "alpha", value: alpha, reason: "must be between 0 and 1") }
        return alpha
    }
}
