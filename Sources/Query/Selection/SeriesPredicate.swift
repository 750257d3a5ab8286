import Historian

/// A condition on a series' tags: single tag tests combined with AND, OR and NOT.
public indirect enum SeriesPredicate: Sendable {
    /// The tag `key` passes `match`.
    case tag(String, TagMatch)
    /// The condition does not hold.
    case not(SeriesPredicate)
    /// Every condition holds (true for none).
    case all([SeriesPredicate])
    /// Some condition holds (false for none).
    case any([SeriesPredicate])

    /// Whether the series with `key` satisfies the condition.
    public func accepts(_ key: SeriesKey) -> Bool {
        switch self {
        case .tag(let name, let match): match.accepts(key.tag(name))
        case .not(let inner): !inner.accepts(key)
        case .all(let parts): parts.allSatisfy { $0.accepts(key) }
        case .any(let parts): parts.contains { $0.accepts(key) }
        }
    }

    /// Tags every accepted series carries with exactly these values: the equalities joined by AND
    /// at the top. The catalog's tag index narrows the candidates with them. An equality with the
    /// empty value is left out, since a series without the tag satisfies it.
    var requiredTags: [SeriesKey.Tag] {
        switch self {
        case .tag(let key, .equals(let value)) where !value.isEmpty: [SeriesKey.Tag(key: key, value: value)]
        case .all(let parts): parts.flatMap(\.requiredTags)
        default: []
        }
    }
}
