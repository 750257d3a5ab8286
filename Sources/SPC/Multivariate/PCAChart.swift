/// Principal component monitoring: Hotelling's T² on the first k principal components and the
/// squared prediction error (SPE, Q) of the rest, for individual observations.
///
/// Variables are standardized with their phase I mean and standard deviation (divisor m − 1); the
/// loadings P (p × k) and eigenvalues λ come from the phase I correlation matrix. For an observation
/// z: tₐ = pₐᵀz, T² = Σₐ tₐ²/λₐ with limit k(m² − 1)/(m(m − k)) · F₁₋α(k, m − k) (Tracy, Young &
/// Mason 1992; Montgomery 7th ed. §11.3 and §11.7); SPE = ‖z − PPᵀz‖² with the limit of
/// ``JacksonMudholkarLimit`` (Jackson & Mudholkar 1979). Every row, in phase I or not, is compared
/// with the same two limits.
public struct PCAChart: Sendable, Equatable {
    /// The variable names.
    public let variables: [String]
    /// The phase I rows, 0-based.
    public let phaseOne: Range<Int>
    /// The false-alarm probability of each limit.
    public let alpha: Double
    /// The number k of principal components kept.
    public let components: Int
    /// Every eigenvalue of the phase I correlation matrix, largest first.
    public let eigenvalues: [Double]
    /// The fraction of the eigenvalue sum the k components hold.
    public let explainedVariance: Double
    /// The phase I mean of each variable.
    public let means: [Double]
    /// The phase I standard deviation of each variable.
    public let standardDeviations: [Double]
    /// T² of every row.
    public let t2: [Double]
    /// The upper limit of T².
    public let t2Limit: Double
    /// SPE of every row.
    public let spe: [Double]
    /// The upper limit of SPE.
    public let speLimit: Double
    /// Rows whose T² is strictly above its limit.
    public let beyondT2: [Int]
    /// Rows whose SPE is strictly above its limit.
    public let beyondSPE: [Int]
    /// For each row beyond the SPE limit, the variables ranked by their squared residual (z − PPᵀz)ⱼ².
    public let speContributions: [PointContributions]

    /// The PCA chart of the rows of `data`.
    /// - Parameters:
    ///   - components: how many components to keep; fewer than the variables, so that SPE has a residual.
    ///   - phaseOne: the rows that estimate the model (default: all).
    ///   - alpha: the false-alarm probability of each limit, 0 < α < 1.
    /// - Throws: ``SPCError/invalidPhaseOneWindow(lower:upper:count:)``; ``SPCError/tooFewObservations(count:variables:minimum:)``
    ///   when phase I has p rows or fewer; ``SPCError/constantVariables(_:)``; ``SPCError/invalidParameter(name:value:reason:)``
    ///   for α, a component count outside 1..<p, a fraction outside (0, 1] or one that keeps every component, or a
    ///   kept component (or the whole residual) with zero variance.
    public static func analyze(
        _ data: ObservationMatrix, components selection: ComponentSelection, phaseOne: Range<Int>? = nil, alpha: Double = 0.01
    ) throws(SPCError) -> PCAChart {
        let p = data.variables.count
        let window = try HotellingT2Chart.checkedWindow(phaseOne, count: data.rowCount)
        guard alpha > 0, alpha < 1 else { throw .invalidParameter(name: "alpha", value: alpha, reason: "must be between 0 and 1") }
        let m = window.count
        guard m >= p + 1 else { throw .tooFewObservations(count: m, variables: p, minimum: p + 1) }
        let moments = data.values.withUnsafeBufferPointer { SampleCovariance($0, columns: p, rows: window) }
        guard moments.constantColumns.isEmpty else { throw .constantVariables(moments.constantColumns.map { data.variables[$0] }) }
        let decomposition = SymmetricEigendecomposition(symmetric: moments.correlation, dimension: p)
        let eigenvalues = decomposition.eigenvalues.map { max(0, $0) }
        let total = eigenvalues.reduce(0, +)
        let k = try componentCount(selection, eigenvalues: eigenvalues, total: total)
        guard eigenvalues[k - 1] > 1e-12 * eigenvalues[0] else {
            throw .invalidParameter(
                name: "components", value: Double(k),
                reason: "component \(k) has no variance in phase I (collinear variables): keep fewer components")
        }
        guard let speLimit = JacksonMudholkarLimit.limit(residualEigenvalues: eigenvalues[k...], alpha: alpha) else {
            throw .invalidParameter(
                name: "components", value: Double(k),
                reason: "the \(p - k) discarded components have no variance in phase I: keep fewer components")
        }
        let (mp, kp) = (Double(m), Double(k))
        let t2Limit =
            kp * (mp * mp - 1) / (mp * (mp - kp)) * FDistribution(numerator: kp, denominator: mp - kp).quantile(1 - alpha)
        let loadings = Array(decomposition.eigenvectors[0..<(k * p)])
        let inverseEigenvalues = eigenvalues[0..<k].map { 1 / $0 }
        let deviations = moments.standardDeviations
        let scale = deviations.map { 1 / $0 }
        let rows = data.rowCount
        var t2 = [Double](repeating: 0, count: rows)
        var spe = [Double](repeating: 0, count: rows)
        var beyondT2: [Int] = []
        var beyondSPE: [Int] = []
        var speContributions: [PointContributions] = []
        var residual = [Double](repeating: 0, count: p)
        var scores = [Double](repeating: 0, count: k)
        data.values.withUnsafeBufferPointer { values in
            loadings.withUnsafeBufferPointer { loadings in
                residual.withUnsafeMutableBufferPointer { residual in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for row in 0..<rows {
                            let base = row * p
                            for j in 0..<p { residual[j] = (values[base + j] - moments.means[j]) * scale[j] }
                            var statistic = 0.0
                            for a in 0..<k {
                                var score = 0.0
                                let loadingBase = a * p
                                for j in 0..<p { score += loadings[loadingBase + j] * residual[j] }
                                scores[a] = score
                                statistic += score * score * inverseEigenvalues[a]
                            }
                            var squaredError = 0.0
                            for j in 0..<p {
                                var fitted = 0.0
                                for a in 0..<k { fitted += loadings[a * p + j] * scores[a] }
                                residual[j] -= fitted
                                squaredError += residual[j] * residual[j]
                            }
                            t2[row] = statistic
                            spe[row] = squaredError
                            if statistic > t2Limit { beyondT2.append(row) }
                            if squaredError > speLimit {
                                beyondSPE.append(row)
                                speContributions.append(PointContributions(index: row, names: data.variables, terms: residual.map { $0 * $0 }))
                            }
                        }
                    }
                }
            }
        }
        return PCAChart(
            variables: data.variables, phaseOne: window, alpha: alpha, components: k, eigenvalues: eigenvalues,
            explainedVariance: eigenvalues[0..<k].reduce(0, +) / total, means: moments.means, standardDeviations: deviations,
            t2: t2, t2Limit: t2Limit, spe: spe, speLimit: speLimit, beyondT2: beyondT2, beyondSPE: beyondSPE, speContributions: speContributions)
    }

    /// k from `selection`, 1 ≤ k < p.
    private static func componentCount(_ selection: ComponentSelection, eigenvalues: [Double], total: Double) throws(SPCError) -> Int {
        let p = eigenvalues.count
        switch selection {
        case .count(let k):
            guard k >= 1, k < p else {
                throw .invalidParameter(name: "components", value: Double(k), reason: "must be from 1 to \(p - 1) (fewer than the \(p) variables)")
            }
            return k
        case .varianceFraction(let fraction):
            guard fraction > 0, fraction <= 1 else {
                throw .invalidParameter(name: "variance", value: fraction, reason: "must be above 0 and at most 1")
            }
            var cumulative = 0.0
            for k in 1...p {
                cumulative += eigenvalues[k - 1]
                // A relative tolerance, so that a fraction read from a printed cumulative share is reached.
                if cumulative >= fraction * total * (1 - 1e-12) {
                    guard k < p else { break }
                    return k
                }
            }
            throw .invalidParameter(
                name: "variance", value: fraction, reason: "keeps all \(p) components, which leaves no residual for SPE: choose a smaller fraction")
        }
    }
}
