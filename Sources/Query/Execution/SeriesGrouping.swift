import Historian

/// How the series of a query are combined into the series of its answer.
public enum SeriesGrouping: Sendable, Equatable {
    /// Each series answers on its own.
    case none
    /// All series answer as one.
    case all
    /// Series with the same values of these tags answer as one (a missing tag reads as empty).
    case tags([String])

    /// `series` grouped, groups in the order their first member comes in `series`.
    public func groups(of series: [Series]) -> [SeriesGroup] {
        switch self {
        case .none:
            return series.map { SeriesGroup(tags: $0.key.tags, members: [$0]) }
        case .all:
            return series.isEmpty ? [] : [SeriesGroup(tags: [], members: series)]
        case .tags(let keys):
            var positions: [[SeriesKey.Tag]: Int] = [:]
            var groups: [SeriesGroup] = []
            for item in series {
                let tags = keys.map { SeriesKey.Tag(key: $0, value: item.key.tag($0) ?? "") }
                if let position = positions[tags] {
                    groups[position].members.append(item)
                } else {
                    positions[tags] = groups.count
                    groups.append(SeriesGroup(tags: tags, members: [item]))
                }
            }
            return groups
        }
    }
}

/// Series that answer together, and the tag values they share.
public struct SeriesGroup: Sendable {
    /// The tags that name the group (all tags of a lone series without grouping).
    public var tags: [SeriesKey.Tag]
    /// The series, in the order of the query's selection.
    public var members: [Series]

    public init(tags: [SeriesKey.Tag], members: [Series]) {
        self.tags = tags
        self.members = members
    }
}
