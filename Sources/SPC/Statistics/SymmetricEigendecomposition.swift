/// The eigenvalues and eigenvectors of a real symmetric matrix, eigenvalues in decreasing order.
///
/// Computed by the cyclic Jacobi method (Golub & Van Loan, *Matrix Computations*, 4th ed., §8.5;
/// Press et al., *Numerical Recipes*, 3rd ed., §11.1): plane rotations until every off-diagonal
/// element is negligible. It is accurate to a few units of rounding relative to the largest
/// eigenvalue and takes O(n³) per sweep, about ten sweeps: fine for the tens of variables of a
/// multivariate chart.
struct SymmetricEigendecomposition {
    /// The order of the matrix.
    let dimension: Int
    /// The eigenvalues, largest first.
    let eigenvalues: [Double]
    /// The unit eigenvectors, row-major: row a is the eigenvector of `eigenvalues[a]`.
    let eigenvectors: [Double]

    /// Decomposes the symmetric `matrix` (row-major, `dimension` × `dimension`; only its symmetry is assumed).
    init(symmetric matrix: [Double], dimension: Int) {
        let n = dimension
        var a = matrix
        var vectors = [Double](repeating: 0, count: n * n)
        for index in 0..<n { vectors[index * n + index] = 1 }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            var diagonal = 0.0
            for row in 0..<n {
                diagonal += a[row * n + row] * a[row * n + row]
                for column in (row + 1)..<n { offDiagonal += a[row * n + column] * a[row * n + column] }
            }
            if offDiagonal <= 1e-32 * diagonal || offDiagonal == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    // A ← Pᵀ A P with P the rotation in the (p, q) plane, then V ← V P.
                    for k in 0..<n {
                        let akp = a[k * n + p]
                        let akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k]
                        let aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    a[p * n + q] = 0
                    a[q * n + p] = 0
                    for k in 0..<n {
                        let vkp = vectors[k * n + p]
                        let vkq = vectors[k * n + q]
                        vectors[k * n + p] = c * vkp - s * vkq
                        vectors[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        self.dimension = n
        eigenvalues = order.map { a[$0 * n + $0] }
        var sorted = [Double](repeating: 0, count: n * n)
        for (rank, column) in order.enumerated() {
            for k in 0..<n { sorted[rank * n + k] = vectors[k * n + column] }
        }
        eigenvectors = sorted
    }
}
