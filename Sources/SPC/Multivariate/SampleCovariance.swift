/// The phase I mean vector and covariance matrix of a row-major table: the sample covariance of
/// individual rows (divisor m − 1), or the mean of the subgroup covariances S̄ (each with divisor
/// n − 1) as Montgomery 7th ed. §11.3 uses for subgroups.
struct SampleCovariance {
    let dimension: Int
    /// The mean of every variable over the phase I rows (for subgroups, the grand mean x̿).
    let means: [Double]
    /// The covariance matrix, full and symmetric, row-major.
    let covariance: [Double]
    /// The variables whose values do not vary (within any subgroup, for subgroups).
    let constantColumns: [Int]

    /// Individual rows `rows` of `values`, which has `columns` values per row.
    init(_ values: UnsafeBufferPointer<Double>, columns: Int, rows: Range<Int>) {
        self.init(values, columns: columns, rows: rows, groupSize: rows.count)
    }

    /// The pooled covariance of the subgroups `subgroups` of `size` consecutive rows each.
    init(_ values: UnsafeBufferPointer<Double>, columns: Int, subgroups: Range<Int>, size: Int) {
        self.init(values, columns: columns, rows: (subgroups.lowerBound * size)..<(subgroups.upperBound * size), groupSize: size)
    }

    /// Rows split into consecutive groups of `groupSize`; products are centered on each group's
    /// mean and pooled with divisor (rows − groups).
    private init(_ values: UnsafeBufferPointer<Double>, columns p: Int, rows: Range<Int>, groupSize: Int) {
        var grandSums = [Double](repeating: 0, count: p)
        var sums = [Double](repeating: 0, count: p * p)
        var varies = [Bool](repeating: false, count: p)
        var scratch = [Double](repeating: 0, count: 2 * p)
        scratch.withUnsafeMutableBufferPointer { scratch in
            sums.withUnsafeMutableBufferPointer { sums in
                let groupMeans = UnsafeMutableBufferPointer(rebasing: scratch[0..<p])
                let centered = UnsafeMutableBufferPointer(rebasing: scratch[p..<(2 * p)])
                for groupStart in stride(from: rows.lowerBound, to: rows.upperBound, by: groupSize) {
                    let groupRows = groupStart..<min(groupStart + groupSize, rows.upperBound)
                    let first = groupRows.lowerBound * p
                    for j in 0..<p { groupMeans[j] = 0 }
                    for row in groupRows {
                        let base = row * p
                        for j in 0..<p {
                            groupMeans[j] += values[base + j]
                            if values[base + j] != values[first + j] { varies[j] = true }
                        }
                    }
                    let count = Double(groupRows.count)
                    for j in 0..<p {
                        grandSums[j] += groupMeans[j]
                        groupMeans[j] /= count
                    }
                    for row in groupRows {
                        let base = row * p
                        for j in 0..<p { centered[j] = values[base + j] - groupMeans[j] }
                        // Upper triangle only: the inner loop is a vectorizable multiply-add into one row of sums.
                        for i in 0..<p {
                            let ci = centered[i]
                            let rowBase = i * p
                            for j in i..<p { sums[rowBase + j] += ci * centered[j] }
                        }
                    }
                }
                let groups = (rows.count + groupSize - 1) / groupSize
                let divisor = Double(rows.count - groups)
                for i in 0..<p {
                    for j in i..<p {
                        sums[i * p + j] /= divisor
                        sums[j * p + i] = sums[i * p + j]
                    }
                }
            }
        }
        dimension = p
        means = grandSums.map { $0 / Double(rows.count) }
        covariance = sums
        constantColumns = (0..<p).filter { !varies[$0] }
    }

    /// The standard deviations √sⱼⱼ.
    var standardDeviations: [Double] { (0..<dimension).map { covariance[$0 * dimension + $0].squareRoot() } }

    /// The correlation matrix D^(−1/2) S D^(−1/2).
    var correlation: [Double] {
        let deviations = standardDeviations
        var result = covariance
        for i in 0..<dimension {
            for j in 0..<dimension { result[i * dimension + j] /= deviations[i] * deviations[j] }
            result[i * dimension + i] = 1
        }
        return result
    }

    /// The Cholesky factor of the correlation matrix.
    /// - Throws: ``SPCError/constantVariables(_:)`` or ``SPCError/collinearVariables(variable:others:)``
    ///   naming the variables (from `names`) that make the matrix singular.
    func correlationFactor(names: [String]) throws(SPCError) -> CholeskyFactorization {
        guard constantColumns.isEmpty else { throw .constantVariables(constantColumns.map { names[$0] }) }
        do {
            return try CholeskyFactorization(correlation, dimension: dimension)
        } catch {
            throw .collinearVariables(variable: names[error.column], others: error.combination.map { names[$0] })
        }
    }
}
