/// The Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive definite matrix.
///
/// Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2. Meant for correlation matrices (unit
/// diagonal): a pivot below ``pivotTolerance`` means that column's variable is, to rounding, a
/// linear combination of the earlier ones (1 − R² below the tolerance), and the factorization
/// reports which.
struct CholeskyFactorization {
    /// Columns whose squared pivot (1 − R² of a correlation matrix) falls below this are dependent.
    static let pivotTolerance = 1e-10

    /// Why a matrix has no factor: column `column` is a combination of the earlier columns `combination`.
    struct Singular: Error {
        var column: Int
        var combination: [Int]
    }

    let dimension: Int
    /// L row-major; the upper triangle is zero.
    let lower: [Double]

    /// Factors `matrix` (row-major, `dimension` × `dimension`).
    /// - Throws: ``Singular`` at the first column whose pivot falls below ``pivotTolerance`` times its diagonal.
    init(_ matrix: [Double], dimension n: Int) throws(Singular) {
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var pivot = matrix[j * n + j]
            for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
            guard pivot > Self.pivotTolerance * matrix[j * n + j] else {
                throw Singular(column: j, combination: Self.combination(l, dimension: n, column: j))
            }
            let root = pivot.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<n {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = sum / root
            }
        }
        dimension = n
        lower = l
    }

    /// The earlier columns with a weight of at least 1e-3 of the largest in the regression of
    /// column `j` on them: β solves L₁₁ᵀ β = l (the factored part of row j), since A₁₁ = L₁₁ L₁₁ᵀ.
    private static func combination(_ l: [Double], dimension n: Int, column j: Int) -> [Int] {
        var beta = [Double](repeating: 0, count: j)
        for i in stride(from: j - 1, through: 0, by: -1) {
            var sum = l[j * n + i]
            for k in (i + 1)..<j { sum -= l[k * n + i] * beta[k] }
            beta[i] = sum / l[i * n + i]
        }
        let largest = beta.map(abs).max() ?? 0
        return (0..<j).filter { largest > 0 && abs(beta[$0]) >= 1e-3 * largest }
    }

    /// ‖L⁻¹ v‖², the quadratic form vᵀ A⁻¹ v, by forward substitution; `work` holds L⁻¹ v afterwards.
    @inline(__always)
    func inverseQuadraticForm(_ v: UnsafeBufferPointer<Double>, work: UnsafeMutableBufferPointer<Double>) -> Double {
        lower.withUnsafeBufferPointer { l in
            let n = dimension
            var total = 0.0
            for i in 0..<n {
                let row = i * n
                // Four partial sums break the dependency chain of one running sum.
                var partial = (0.0, 0.0, 0.0, 0.0)
                var k = 0
                while k + 4 <= i {
                    partial.0 += l[row + k] * work[k]
                    partial.1 += l[row + k + 1] * work[k + 1]
                    partial.2 += l[row + k + 2] * work[k + 2]
                    partial.3 += l[row + k + 3] * work[k + 3]
                    k += 4
                }
                while k < i {
                    partial.0 += l[row + k] * work[k]
                    k += 1
                }
                let y = (v[i] - ((partial.0 + partial.1) + (partial.2 + partial.3))) / l[row + i]
                work[i] = y
                total += y * y
            }
            return total
        }
    }
}
