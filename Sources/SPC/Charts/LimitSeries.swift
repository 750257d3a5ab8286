/// A center line, limit or sigma that is either the same for every point or given per point
/// (charts with varying subgroup or sample sizes, and EWMA).
public enum LimitSeries: Sendable, Equatable {
    /// The same value at every point.
    case constant(Double)
    /// One value per point, in row order.
    case perPoint([Double])

    /// The value at point `index`.
    public subscript(index: Int) -> Double {
        switch self {
        case .constant(let value): return value
        case .perPoint(let values): return values[index]
        }
    }

    /// The series, constant when every per-point value is identical.
    static func collapsing(_ values: [Double]) -> LimitSeries {
        if let first = values.first, values.allSatisfy({ $0 == first }) {
            return .constant(first)
        }
        return .perPoint(values)
    }
}
