/// Sums of figures grouped by machine, line (a tag), shift, day or product. Each group's OEE is
/// computed from its summed times and counts, never by averaging percentages, so a line's OEE
/// weighs each machine by its planned time and parts.
public enum OEERollup {
    /// Group key for records without the tag or time without a product.
    public static let missingKey = "(none)"

    /// What records are grouped by.
    public enum Dimension: Hashable, Sendable {
        case machine
        /// The value of a machine tag, for example `.tag("line")`.
        case tag(String)
        /// The shift name ("Night"), across days.
        case shift
        /// The day a shift starts on.
        case day
        /// The product. Calendar time cannot be split by product, so TEEP is nil per product.
        case product
    }

    /// One group of a roll-up.
    public struct Row: Equatable, Sendable {
        /// The group's key (machine, tag value, shift name, day or product).
        public let key: String
        /// OEE of the summed figures.
        public let result: OEEResult
    }

    /// Sums `records` per group of `dimension`; rows are sorted by key.
    public static func rollUp(_ records: [OEERecord], by dimension: Dimension) -> [Row] {
        var groups: [String: OEEFigures] = [:]
        for record in records {
            switch dimension {
            case .machine: groups[record.machine, default: OEEFigures()] += record.figures
            case .tag(let name): groups[record.tags[name] ?? missingKey, default: OEEFigures()] += record.figures
            case .shift: groups[record.shiftName, default: OEEFigures()] += record.figures
            case .day: groups[record.day, default: OEEFigures()] += record.figures
            case .product:
                for (product, figures) in record.figuresByProduct { groups[product, default: OEEFigures()] += figures }
            }
        }
        return groups.keys.sorted().compactMap { key in
            groups[key].map { Row(key: key, result: OEEResult(figures: $0)) }
        }
    }

    /// All records summed into one result (for example a plant's OEE).
    public static func total(_ records: [OEERecord]) -> OEEResult {
        OEEResult(figures: records.reduce(OEEFigures()) { $0 + $1.figures })
    }
}
