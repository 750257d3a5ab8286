/// The data of one control chart, one entry per plotted point (a "row" in error messages).
public enum ChartInput: Sendable, Equatable {
    /// One subgroup of measurements per point: `xbar-r`, `xbar-s`.
    case subgroups([[Double]])
    /// One value per point: `imr`, `ewma`, `cusum` (measurements) and `c` (defects per inspection unit).
    case values([Double])
    /// A count and the size it was counted in, per point: `p` and `np` (defectives in a sample of
    /// `sizes[i]` items), `u` (defects found on `sizes[i]` inspection units).
    case counts(_ counts: [Double], sizes: [Double])

    /// The number of points.
    public var count: Int {
        switch self {
        case .subgroups(let subgroups): subgroups.count
        case .values(let values): values.count
        case .counts(let counts, _): counts.count
        }
    }

    /// What each chart type takes, for error messages.
    static func expected(for type: ChartType) -> String {
        switch type {
        case .xbarR, .xbarS: "one subgroup of measurements per point"
        case .individuals, .ewma, .cusum: "one measurement per point"
        case .c: "one defect count per point"
        case .p, .np: "defectives and sample size per point"
        case .u: "defects and inspection units per point"
        }
    }
}
