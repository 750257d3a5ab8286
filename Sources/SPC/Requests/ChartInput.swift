/// The data of one control chart, one entry per plotted point (a "row" in error messages).
public enum ChartInput: Sendable, Equatable {
    /// One subgroup of measurements per point: `xbar-r`, `xbar-s`.
    case subgroups([[Double]])
    /// One value per point: `imr`, `ewma`, `cusum` (measurements), `c` (defects per inspection unit),
    /// `g` (units between events) and `t` (times between events).
    case values([Double])
    /// A count and the size it was counted in, per point: `p` and `np` (defectives in a sample of
    /// `sizes[i]` items), `u` (defects found on `sizes[i]` inspection units), and their Laney forms
    /// `laney-p` and `laney-u`.
    case counts(_ counts: [Double], sizes: [Double])
    /// A part (product) name and a measurement per point: `zmr`.
    case partValues(parts: [String], values: [Double])

    /// The number of points.
    public var count: Int {
        switch self {
        case .subgroups(let subgroups): subgroups.count
        case .values(let values): values.count
        case .counts(let counts, _): counts.count
        case .partValues(_, let values): values.count
        }
    }

    /// What each chart type takes, for error messages.
    static func expected(for type: ChartType) -> String {
        switch type {
        case .xbarR, .xbarS: "one subgroup of measurements per point"
        case .individuals, .ewma, .cusum: "one measurement per point"
        case .c: "one defect count per point"
        case .p, .np, .laneyP: "defectives and sample size per point"
        case .u, .laneyU: "defects and inspection units per point"
        case .g: "one count of units between events per point"
        case .t: "one time between events per point"
        case .zmr: "a part and a measurement per point"
        }
    }
}
