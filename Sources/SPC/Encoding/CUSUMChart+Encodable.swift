/// The JSON form of a CUSUM chart, as `histd spc chart --type cusum` prints it: `type`, `center`
/// (μ₀), `sigma`, `sigma_method`, `k`, `h`, `head_start`, `reference_value` (K), `decision_interval`
/// (H), `ucl` (H) and `lcl` (−H) of the plotted C⁺ and −C⁻, `statistics` (the observations), `upper`,
/// `lower`, `upper_signals`, `lower_signals`, `beyond` (either side), `violations` (empty), `phase1`.
extension CUSUMChart: Encodable {
    enum CodingKeys: String, CodingKey {
        case type
        case center
        case sigma
        case sigmaMethod = "sigma_method"
        case k
        case h
        case headStart = "head_start"
        case referenceValue = "reference_value"
        case decisionInterval = "decision_interval"
        case ucl
        case lcl
        case statistics
        case upper
        case lower
        case upperSignals = "upper_signals"
        case lowerSignals = "lower_signals"
        case beyond
        case violations
        case phaseOne = "phase1"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ChartType.cusum.rawValue, forKey: .type)
        try container.encodeFinite(center, forKey: .center)
        try container.encodeFinite(sigma, forKey: .sigma)
        try container.encode(sigmaMethod.rawValue, forKey: .sigmaMethod)
        try container.encodeFinite(k, forKey: .k)
        try container.encodeFinite(h, forKey: .h)
        try container.encodeFinite(headStart, forKey: .headStart)
        try container.encodeFinite(referenceValue, forKey: .referenceValue)
        try container.encodeFinite(decisionInterval, forKey: .decisionInterval)
        try container.encodeFinite(decisionInterval, forKey: .ucl)
        try container.encodeFinite(-decisionInterval, forKey: .lcl)
        try container.encodeFinite(statistics.map { Optional($0) }, forKey: .statistics)
        try container.encodeFinite(upper.map { Optional($0) }, forKey: .upper)
        try container.encodeFinite(lower.map { Optional($0) }, forKey: .lower)
        try container.encode(upperSignals, forKey: .upperSignals)
        try container.encode(lowerSignals, forKey: .lowerSignals)
        try container.encode(signals, forKey: .beyond)
        try container.encode([RuleViolation](), forKey: .violations)
        try container.encode([phaseOne.lowerBound, phaseOne.upperBound], forKey: .phaseOne)
    }
}
