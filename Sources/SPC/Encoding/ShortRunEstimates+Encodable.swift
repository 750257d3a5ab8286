/// One part of a Z-MR chart as JSON: `part`, `count`, `mean`, `sigma`.
extension ShortRunEstimates.PartEstimate: Encodable {
    enum CodingKeys: String, CodingKey {
        case part
        case count
        case mean
        case sigma
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(count, forKey: .count)
        try container.encodeFinite(mean, forKey: .mean)
        try container.encodeFinite(sigma, forKey: .sigma)
    }
}
