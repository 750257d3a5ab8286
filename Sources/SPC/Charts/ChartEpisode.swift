/// A run of consecutive points on which one rule fires on one panel: what a person looks at
/// instead of the rule's every point (a long shift re-reports Nelson 2 at each point).
public struct ChartEpisode: Sendable, Equatable, Encodable {
    /// `individuals`, `moving_range`, `mean`, `range`, `stddev`, `p`, `np`, `c`, `u`, `laney_p`, `laney_u`,
    /// `g`, `t`, `z` or `ewma`.
    public var panel: String
    /// `WE1`...`N8`, or `beyond` for points beyond the limits.
    public var rule: String
    /// First and last point (0-based).
    public var first: Int
    public var last: Int
    /// Points in the run.
    public var points: Int

    /// The episodes of `indices` (ascending, distinct) of `rule` on `panel`.
    static func runs(of indices: [Int], panel: String, rule: String) -> [ChartEpisode] {
        var episodes: [ChartEpisode] = []
        for index in indices {
            if let last = episodes.last, last.last + 1 == index {
                episodes[episodes.count - 1].last = index
                episodes[episodes.count - 1].points += 1
            } else {
                episodes.append(ChartEpisode(panel: panel, rule: rule, first: index, last: index, points: 1))
            }
        }
        return episodes
    }
}

extension ChartType {
    /// The name of the chart's primary panel in episodes, batch and live.
    public var primaryPanel: String {
        switch self {
        case .individuals: "individuals"
        case .xbarR, .xbarS: "mean"
        case .laneyP: "laney_p"
        case .laneyU: "laney_u"
        case .zmr: "z"
        default: rawValue
        }
    }
}

extension ChartAnalysis {
    /// The name of the primary panel, as live charts name it.
    public var primaryPanel: String { type.primaryPanel }

    /// The name of the secondary panel, nil without one.
    public var secondaryPanel: String? {
        guard secondary != nil else { return nil }
        switch type {
        case .xbarR: return "range"
        case .xbarS: return "stddev"
        default: return "moving_range"
        }
    }

    /// The episodes of every rule on every panel, and of the points beyond the limits, in panel,
    /// rule and point order.
    public var episodes: [ChartEpisode] {
        var episodes: [ChartEpisode] = []
        for (panel, chart) in [(primaryPanel, primary)] + (secondary.map { [(secondaryPanel ?? "secondary", $0)] } ?? []) {
            episodes += ChartEpisode.runs(of: chart.beyond, panel: panel, rule: "beyond")
            for rule in RunRule.allCases {
                let indices = Set(chart.violations.filter { $0.rule == rule }.map(\.index)).sorted()
                episodes += ChartEpisode.runs(of: indices, panel: panel, rule: rule.rawValue)
            }
        }
        return episodes
    }
}
