/// Solves a dense square linear system A·x = b by Gaussian elimination with partial pivoting
/// (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 3.4.1).
enum LinearSystem {
    /// The solution x of A·x = b, with `matrix` the n × n matrix A stored row by row; nil when A is
    /// singular to working precision.
    static func solve(_ matrix: [Double], _ rightHandSide: [Double]) -> [Double]? {
        let n = rightHandSide.count
        var a = matrix
        var b = rightHandSide
        for column in 0..<n {
            var pivot = column
            for row in column + 1..<n where abs(a[row * n + column]) > abs(a[pivot * n + column]) {
                pivot = row
            }
            guard a[pivot * n + column] != 0 else { return nil }
            if pivot != column {
                for k in 0..<n { a.swapAt(pivot * n + k, column * n + k) }
                b.swapAt(pivot, column)
            }
            let diagonal = a[column * n + column]
            for row in column + 1..<n {
                let factor = a[row * n + column] / diagonal
                guard factor != 0 else { continue }
                for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in row + 1..<n { sum -= a[row * n + k] * x[k] }
            x[row] = sum / a[row * n + row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
