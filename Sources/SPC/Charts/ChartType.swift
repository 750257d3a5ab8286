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
}
