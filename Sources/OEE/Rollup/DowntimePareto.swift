/// Downtime reasons ranked by lost planned production time: the Pareto analysis of availability
/// losses (Juran's Pareto principle as used in Montgomery, "Introduction to Statistical Quality
/// Control", 8th ed., section 5.4, the Pareto chart).
public struct DowntimePareto: Equatable, Sendable {
    /// One reason of the Pareto.
    public struct Entry: Equatable, Sendable {
        /// Reason code.
        public let reason: String
        /// Planned production time lost, nanoseconds.
        public let time: Int64
        /// Number of stops with this reason.
        public let occurrences: Int64
        /// `time` / all availability loss.
        public let share: Double
        /// Share of this reason and all ranked before it.
        public let cumulativeShare: Double
    }

    /// Reasons by time lost, largest first; ties by occurrences, then by reason.
    public let entries: [Entry]

    /// The Pareto of the availability losses in `figures`.
    public init(figures: OEEFigures) {
        let reasons = Set(figures.downtimeByReason.keys).union(figures.stopCountByReason.keys)
        let ranked = reasons.map {
            (reason: $0, time: figures.downtimeByReason[$0] ?? 0, occurrences: figures.stopCountByReason[$0] ?? 0)
        }.sorted { ($1.time, $1.occurrences, $0.reason) < ($0.time, $0.occurrences, $1.reason) }
        let total = ranked.reduce(0) { $0 + $1.time }
        var cumulative: Int64 = 0
        entries = ranked.map { item in
            cumulative += item.time
            return Entry(
                reason: item.reason, time: item.time, occurrences: item.occurrences,
                share: ratio(item.time, total) ?? 0, cumulativeShare: ratio(cumulative, total) ?? 0)
        }
    }
}
