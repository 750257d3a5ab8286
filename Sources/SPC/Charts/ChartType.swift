/// The kinds of control chart.
public enum ChartType: String, Sendable, CaseIterable, Codable {
    /// Subgroup means with subgroup ranges.
    case xbarR = "xbar-r"
    /// Subgroup means with subgroup standard deviations.
    case xbarS = "xbar-s"
    /// Individual values with moving ranges of span 2.
    case individuals = "imr"
    /// Fraction defective.
    case p = "p"
    /// Number defective.
    case np = "np"
    /// Number of defects.
    case c = "c"
    /// Defects per unit.
    case u = "u"
    /// Exponentially weighted moving average.
    case ewma = "ewma"
    /// Tabular cumulative sum.
    case cusum = "cusum"
    /// Laney p′: fraction defective with limits widened by the between-sample variation σ_z.
    case laneyP = "laney-p"
    /// Laney u′: defects per unit with limits widened by the between-sample variation σ_z.
    case laneyU = "laney-u"
    /// g: number of units (opportunities) between rare events.
    case g = "g"
    /// t: time between rare events, with probability limits of a fitted distribution.
    case t = "t"
    /// Short-run Z-MR: values standardized per part, with moving ranges of the standardized values.
    case zmr = "zmr"
}
