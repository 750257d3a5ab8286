/// The JSON form of a Pareto: a list, largest loss first, of `{reason, lost_min, occurrences,
/// share, cumulative_share}` (shares as fractions of all availability loss).
extension DowntimePareto: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for entry in entries { try container.encode(entry) }
    }
}

extension DowntimePareto.Entry: Encodable {
    enum CodingKeys: String, CodingKey {
        case reason
        case lostMinutes = "lost_min"
        case occurrences
        case share
        case cumulativeShare = "cumulative_share"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reason, forKey: .reason)
        try container.encode(Double(time) / 60e9, forKey: .lostMinutes)
        try container.encode(occurrences, forKey: .occurrences)
        try container.encode(share, forKey: .share)
        try container.encode(cumulativeShare, forKey: .cumulativeShare)
    }
}
