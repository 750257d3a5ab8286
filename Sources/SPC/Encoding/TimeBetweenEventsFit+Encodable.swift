/// A t chart's fitted distribution as JSON: `type` (`exponential` or `weibull`), `shape`, `scale`
/// (in the unit of the times) and, for the exponential, `rate` (λ̂ = 1/mean).
extension TimeBetweenEventsFit: Encodable {
    enum CodingKeys: String, CodingKey {
        case type
        case shape
        case scale
        case rate
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(distribution.rawValue, forKey: .type)
        try container.encodeFinite(shape, forKey: .shape)
        try container.encodeFinite(scale, forKey: .scale)
        if let rate { try container.encodeFinite(rate, forKey: .rate) }
    }
}
