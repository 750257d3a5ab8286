/// The JSON form of a chart, as `histd spc chart` prints it (keys documented in docs/spc.md):
/// `type`, `center`, `lcl`, `ucl` (number, or list when the limits vary), `sigma`, `sigma_method`,
/// `statistics`, `beyond`, `violations` (`{rule, index, points}`), `phase1`, `excluded`,
/// `secondary` (R, S or MR panel with the same keys), `episodes` (`{panel, rule, first, last,
/// points}`: runs of consecutive points per rule), `warnings` (`{code, message}`) and, for EWMA,
/// `lambda` and `L`; for Laney charts `sigma_z`; for t charts `distribution` (`{type, shape, scale}` and
/// `rate` for the exponential); for Z-MR charts `sigma_by` and `parts` (`{part, count, mean, sigma}`).
/// With a cap (``SPCJSON/encode(_:maxViolations:)``) `beyond`, `violations` and
/// `episodes` hold at most that many entries, and `*_omitted` counts the rest.
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
        case episodes
        case warnings
        case beyondOmitted = "beyond_omitted"
        case violationsOmitted = "violations_omitted"
        case episodesOmitted = "episodes_omitted"
        case sigmaZ = "sigma_z"
        case distribution
        case sigmaBy = "sigma_by"
        case parts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try encode(primary, into: &container, encoder: encoder)
        try container.encode([phaseOne.lowerBound, phaseOne.upperBound], forKey: .phaseOne)
        try container.encode(excluded, forKey: .excluded)
        if let secondary {
            try container.encode(SecondaryPanel(analysis: self, chart: secondary), forKey: .secondary)
        }
        if let smoothing {
            try container.encode(smoothing.lambda, forKey: .lambda)
            try container.encode(smoothing.width, forKey: .width)
        }
        if let laneySigmaZ {
            try container.encodeFinite(laneySigmaZ, forKey: .sigmaZ)
        }
        if let timeBetweenEvents {
            try container.encode(timeBetweenEvents, forKey: .distribution)
        }
        if let shortRun {
            try container.encode(shortRun.sigmaBy.rawValue, forKey: .sigmaBy)
            try container.encode(shortRun.parts, forKey: .parts)
        }
        try container.encodeCapped(episodes, forKey: .episodes, omittedKey: .episodesOmitted, encoder: encoder)
        try container.encode(warnings, forKey: .warnings)
    }

    func encode(_ chart: ControlChart, into container: inout KeyedEncodingContainer<CodingKeys>, encoder: any Encoder) throws {
        try container.encode(chart.center, forKey: .center)
        try container.encode(chart.lower, forKey: .lcl)
        try container.encode(chart.upper, forKey: .ucl)
        try container.encodeFinite(sigma, forKey: .sigma)
        try container.encode(sigmaMethod.rawValue, forKey: .sigmaMethod)
        try container.encodeFinite(chart.statistics, forKey: .statistics)
        try container.encodeCapped(chart.beyond, forKey: .beyond, omittedKey: .beyondOmitted, encoder: encoder)
        try container.encodeCapped(chart.violations, forKey: .violations, omittedKey: .violationsOmitted, encoder: encoder)
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
            try analysis.encode(chart, into: &container, encoder: encoder)
        }
    }
}
