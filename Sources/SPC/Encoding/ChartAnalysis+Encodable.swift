/// The JSON form of a chart, as `histd spc chart` prints it (keys documented in docs/spc.md):
/// `type`, `center`, `lcl`, `ucl` (number, or list when the limits vary), `sigma`, `sigma_method`,
/// `statistics`, `beyond`, `violations` (`{rule, index, points}`), `phase1`, `excluded`,
/// `secondary` (R, S or MR panel with the same keys) and, for EWMA, `lambda` and `L`.
extension ChartAnalysis: Encodable {
    enum CodingKeys: String, CodingKey {
        case type
        case center
        case lcl
        case ucl
        case sigma
        case sigmaMethod = "sigma_method"
        case statistics
        case beyond
        case violations
        case phaseOne = "phase1"
        case excluded
        case secondary
        case lambda
        case width = "L"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try encode(primary, into: &container)
        try container.encode([phaseOne.lowerBound, phaseOne.upperBound], forKey: .phaseOne)
        try container.encode(excluded, forKey: .excluded)
        if let secondary {
            try container.encode(SecondaryPanel(analysis: self, chart: secondary), forKey: .secondary)
        }
        if let smoothing {
            try container.encode(smoothing.lambda, forKey: .lambda)
            try container.encode(smoothing.width, forKey: .width)
        }
    }

    func encode(_ chart: ControlChart, into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(chart.center, forKey: .center)
        try container.encode(chart.lower, forKey: .lcl)
        try container.encode(chart.upper, forKey: .ucl)
        try container.encodeFinite(sigma, forKey: .sigma)
        try container.encode(sigmaMethod.rawValue, forKey: .sigmaMethod)
        try container.encodeFinite(chart.statistics, forKey: .statistics)
        try container.encode(chart.beyond, forKey: .beyond)
        try container.encode(chart.violations, forKey: .violations)
    }

    /// The R, S or MR panel: `type` is `r`, `s` or `mr`.
    struct SecondaryPanel: Encodable {
        var analysis: ChartAnalysis
        var chart: ControlChart

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let name =
                switch analysis.type {
                case .xbarR: "r"
                case .xbarS: "s"
                default: "mr"
                }
            try container.encode(name, forKey: .type)
            try analysis.encode(chart, into: &container)
        }
    }
}
