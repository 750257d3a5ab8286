/// The JSON form of a T² chart, as `histd spc multivariate --method t2` prints it: `method` (`t2`),
/// `variables`, `subgroup_size`, `phase1` (`[A, B]`), `alpha`, `center` (the phase I means),
/// `statistics`, `ucl_phase1`, `ucl_phase2`, `beyond` and `contributions` (both capped by
/// ``SPCJSON/encode(_:maxViolations:)``, with `beyond_omitted` and `contributions_omitted`).
extension HotellingT2Chart: Encodable {
    enum CodingKeys: String, CodingKey {
        case method, variables, alpha, center, statistics, beyond, contributions
        case subgroupSize = "subgroup_size"
        case phaseOne = "phase1"
        case upperLimitPhaseOne = "ucl_phase1"
        case upperLimitPhaseTwo = "ucl_phase2"
        case beyondOmitted = "beyond_omitted"
        case contributionsOmitted = "contributions_omitted"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("t2", forKey: .method)
        try container.encode(variables, forKey: .variables)
        try container.encode(subgroupSize, forKey: .subgroupSize)
        try container.encode([phaseOne.lowerBound, phaseOne.upperBound], forKey: .phaseOne)
        try container.encodeFinite(alpha, forKey: .alpha)
        try container.encodeFinite(means.map { Optional($0) }, forKey: .center)
        try container.encodeFinite(statistics.map { Optional($0) }, forKey: .statistics)
        try container.encodeFinite(upperLimitPhaseOne, forKey: .upperLimitPhaseOne)
        try container.encodeFinite(upperLimitPhaseTwo, forKey: .upperLimitPhaseTwo)
        try container.encodeCapped(beyond, forKey: .beyond, omittedKey: .beyondOmitted, encoder: encoder)
        try container.encodeCapped(contributions, forKey: .contributions, omittedKey: .contributionsOmitted, encoder: encoder)
    }
}
