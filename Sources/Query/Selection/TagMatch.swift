import RegularExpression

/// A test of one tag's value.
public enum TagMatch: Sendable {
    /// The value equals the text. A missing tag reads as the empty string, as in InfluxDB.
    case equals(String)
    /// The whole value matches the regular expression; a missing tag never matches
    /// (`/api/v1/*`'s `tag=key=~regex`).
    case matchesWhole(RegularExpression)
    /// Some part of the value matches; a missing tag reads as the empty string (InfluxQL's `=~`).
    case matchesPart(RegularExpression)

    /// Whether `value` (nil for a tag the series lacks) passes. Linear in the value's length.
    func accepts(_ value: String?) -> Bool {
        switch self {
        case .equals(let expected): (value ?? "") == expected
        case .matchesWhole(let pattern): value.map { pattern.matchesWhole($0) } ?? false
        case .matchesPart(let pattern): pattern.matchesPart(of: value ?? "")
        }
    }
}
