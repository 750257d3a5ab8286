/// Which events `GET /api/v1/events` lists; nil fields do not filter.
public struct EventFilter: Sendable, Equatable {
    public var kind: LiveEvent.Kind?
    public var chart: Int64?
    public var machine: String?
    public var open: Bool?
    public var acknowledged: Bool?
    /// Events whose episode reaches into `[from, to)` (ns).
    public var from: Int64?
    public var to: Int64?
    /// Most events returned, newest first.
    public var limit: Int

    public init(
        kind: LiveEvent.Kind? = nil, chart: Int64? = nil, machine: String? = nil, open: Bool? = nil, acknowledged: Bool? = nil,
        from: Int64? = nil, to: Int64? = nil, limit: Int = 1_000
    ) {
        self.kind = kind
        self.chart = chart
        self.machine = machine
        self.open = open
        self.acknowledged = acknowledged
        self.from = from
        self.to = to
        self.limit = limit
    }

    func accepts(_ event: LiveEvent) -> Bool {
        if let kind, event.kind != kind { return false }
        if let chart, event.chart != chart { return false }
        if let machine, event.machine != machine { return false }
        if let open, event.open != open { return false }
        if let acknowledged, (event.acknowledged != nil) != acknowledged { return false }
        if let from, event.lastTime < from { return false }
        if let to, event.firstTime >= to { return false }
        return true
    }
}
