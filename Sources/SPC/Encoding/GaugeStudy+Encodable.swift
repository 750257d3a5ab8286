/// The JSON form of a gauge study, as `histd spc gauge` prints it: `variance_components`,
/// `percent_contribution`, `study_var`, `percent_study_var` and `percent_tolerance` (null without a
/// tolerance), each `{repeatability, reproducibility, operator, operator_by_part, gage_rr,
/// part_to_part, total}`; `ndc` (null when σ_gage is 0), `interaction_p`, `interaction_removed`,
/// `study_var_multiplier`, `tolerance`, `parts`, `operators`, `replicates`, and `anova`, the table of the
/// model used (`{source, df, ss, ms, f, p}`, null where not defined).
extension GaugeStudy: Encodable {
    enum CodingKeys: String, CodingKey {
        case varianceComponents = "variance_components"
        case percentContribution = "percent_contribution"
        case studyVariation = "study_var"
        case percentStudyVariation = "percent_study_var"
        case percentTolerance = "percent_tolerance"
        case distinctCategories = "ndc"
        case interactionPValue = "interaction_p"
        case interactionRemoved = "interaction_removed"
        case studyVariationMultiplier = "study_var_multiplier"
        case tolerance, parts, operators, replicates
        case analysisOfVariance = "anova"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(varianceComponents, forKey: .varianceComponents)
        try container.encode(percentContribution, forKey: .percentContribution)
        try container.encode(studyVariation, forKey: .studyVariation)
        try container.encode(percentStudyVariation, forKey: .percentStudyVariation)
        if let percentTolerance {
            try container.encode(percentTolerance, forKey: .percentTolerance)
        } else {
            try container.encodeNil(forKey: .percentTolerance)
        }
        if let distinctCategories {
            try container.encode(distinctCategories, forKey: .distinctCategories)
        } else {
            try container.encodeNil(forKey: .distinctCategories)
        }
        try container.encodeFinite(interactionPValue, forKey: .interactionPValue)
        try container.encode(interactionRemoved, forKey: .interactionRemoved)
        try container.encodeFinite(studyVariationMultiplier, forKey: .studyVariationMultiplier)
        try container.encodeFinite(tolerance, forKey: .tolerance)
        try container.encode(parts, forKey: .parts)
        try container.encode(operators, forKey: .operators)
        try container.encode(replicates, forKey: .replicates)
        try container.encode(analysisOfVariance, forKey: .analysisOfVariance)
    }
}

extension GaugeAnalysisOfVarianceRow: Encodable {
    enum CodingKeys: String, CodingKey {
        case source
        case degreesOfFreedom = "df"
        case sumOfSquares = "ss"
        case meanSquare = "ms"
        case f, p
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try container.encodeFinite(sumOfSquares, forKey: .sumOfSquares)
        try container.encodeFinite(meanSquare, forKey: .meanSquare)
        try container.encodeFinite(f, forKey: .f)
        try container.encodeFinite(p, forKey: .p)
    }
}

extension GaugeComponents: Encodable {
    enum CodingKeys: String, CodingKey {
        case repeatability, reproducibility
        case `operator`
        case operatorByPart = "operator_by_part"
        case gageRR = "gage_rr"
        case partToPart = "part_to_part"
        case total
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeFinite(repeatability, forKey: .repeatability)
        try container.encodeFinite(reproducibility, forKey: .reproducibility)
        try container.encodeFinite(`operator`, forKey: .operator)
        try container.encodeFinite(operatorByPart, forKey: .operatorByPart)
        try container.encodeFinite(gageRR, forKey: .gageRR)
        try container.encodeFinite(partToPart, forKey: .partToPart)
        try container.encodeFinite(total, forKey: .total)
    }
}
