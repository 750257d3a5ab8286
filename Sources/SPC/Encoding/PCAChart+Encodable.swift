/// The JSON form of a PCA chart, as `histd spc multivariate --method pca` prints it: `method`
/// (`pca`), `variables`, `phase1`, `alpha`, `components` (k), `eigenvalues`, `explained_variance`,
/// `t2`, `t2_limit`, `spe`, `spe_limit`, `beyond_t2`, `beyond_spe` and `spe_contributions` (the
/// last three capped by ``SPCJSON/encode(_:maxViolations:)``, with `*_omitted` counts).
extension PCAChart: Encodable {
    enum CodingKeys: String, CodingKey {
        case method, variables, alpha, components, eigenvalues, t2, spe
        case phaseOne = "phase1"
        case explainedVariance = "explained_variance"
        case t2Limit = "t2_limit"
        case speLimit = "spe_limit"
        case beyondT2 = "beyond_t2"
        case beyondSPE = "beyond_spe"
        case speContributions = "spe_contributions"
        case beyondT2Omitted = "beyond_t2_omitted"
        case beyondSPEOmitted = "beyond_spe_omitted"
        case speContributionsOmitted = "spe_contributions_omitted"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("pca", forKey: .method)
        try container.encode(variables, forKey: .variables)
        try container.encode([phaseOne.lowerBound, phaseOne.upperBound], forKey: .phaseOne)
        try container.encodeFinite(alpha, forKey: .alpha)
        try container.encode(components, forKey: .components)
        try container.encodeFinite(eigenvalues.map { Optional($0) }, forKey: .eigenvalues)
        try container.encodeFinite(explainedVariance, forKey: .explainedVariance)
        try container.encodeFinite(t2.map { Optional($0) }, forKey: .t2)
        try container.encodeFinite(t2Limit, forKey: .t2Limit)
        try container.encodeFinite(spe.map { Optional($0) }, forKey: .spe)
        try container.encodeFinite(speLimit, forKey: .speLimit)
        try container.encodeCapped(beyondT2, forKey: .beyondT2, omittedKey: .beyondT2Omitted, encoder: encoder)
        try container.encodeCapped(beyondSPE, forKey: .beyondSPE, omittedKey: .beyondSPEOmitted, encoder: encoder)
        try container.encodeCapped(speContributions, forKey: .speContributions, omittedKey: .speContributionsOmitted, encoder: encoder)
    }
}
