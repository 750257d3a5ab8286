/// Something live analytics reports: an SPC rule violation episode (open while the rule keeps
/// firing), late data, a correction. Stored durably; its JSON is what `GET /api/v1/events` lists.
public struct LiveEvent: Sendable, Equatable, Codable {
    /// `spc_violation`, `late_data` or `corrected`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case spcViolation = "spc_violation"
        case lateData = "late_data"
        case corrected
    }

    /// Unique, stable across restarts.
    public var id: String
    /// The episode this event reports (a violation's own id), nil for late data.
    public var episode: String?
    public var kind: Kind
    /// The chart's id.
    public var chart: Int64
    /// The chart revision whose limits judged the points.
    public var revision: Int
    /// The chart's series' `machine` tag, when it has one.
    public var machine: String?
    /// The panel: `individuals`, `moving_range`, `mean`, `range`, `stddev`, `p`, `np`, `c`, `u`, `ewma`, `cusum`.
    public var panel: String?
    /// `WE1`...`WE4`, `N1`...`N8`, `beyond`, `cusum_upper`, `cusum_lower`.
    public var rule: String?
    public var severity: RuleSeverity?
    /// Time of the first and latest point (ns).
    public var firstTime: Int64
    public var lastTime: Int64
    /// Points in the episode (late data: samples).
    public var points: Int
    /// The statistics of the episode's first points (at most ``valueLimit``).
    public var values: [Double]
    /// Whether the episode is still open (the rule fired at the latest point).
    public var open: Bool
    public var acknowledged: Acknowledgement?
    /// Words for people: what happened.
    public var message: String
    /// Of a `corrected` event: `opened` (re-evaluation found an episode live evaluation had not
    /// reported), `withdrawn` (it no longer finds a reported one) or `changed` (the same start, other
    /// figures); nil for the other kinds.
    public var correction: String? = nil

    /// Statistics kept per episode.
    public static let valueLimit = 100

    enum CodingKeys: String, CodingKey {
        case id, episode, kind, chart, revision, machine, panel, rule, severity
        case firstTime = "first_time"
        case lastTime = "last_time"
        case points, values, open, acknowledged, message, correction
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(episode, forKey: .episode)
        try container.encode(kind, forKey: .kind)
        try container.encode(chart, forKey: .chart)
        try container.encode(revision, forKey: .revision)
        try container.encode(machine, forKey: .machine)
        try container.encode(panel, forKey: .panel)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(firstTime, forKey: .firstTime)
        try container.encode(lastTime, forKey: .lastTime)
        try container.encode(points, forKey: .points)
        try container.encode(values.map { $0.isFinite ? $0 : nil }, forKey: .values)
        try container.encode(open, forKey: .open)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(correction, forKey: .correction)
    }
}
