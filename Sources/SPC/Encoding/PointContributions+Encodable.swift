/// `{"index": i, "variables": [{"variable": name, "value": term}, ...]}`, largest term first.
extension PointContributions: Encodable {
    enum CodingKeys: String, CodingKey {
        case index, variables
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(variables, forKey: .variables)
    }
}

extension VariableContribution: Encodable {
    enum CodingKeys: String, CodingKey {
        case variable, value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(variable, forKey: .variable)
        try container.encodeFinite(value, forKey: .value)
    }
}
