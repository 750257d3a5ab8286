import SPC

/// The streaming monitor of a live chart, of whichever type, with its limits frozen from phase I:
/// fed one closed subgroup (point) at a time, it says which rules fire on which panel. Codable, so
/// that a chart's state survives restarts exactly.
enum LiveMonitor: Sendable, Codable {
    case individuals(IndividualsMonitor)
    case subgroups(SubgroupMonitor)
    case attribute(AttributeMonitor)
    case ewma(EWMAMonitor)
    case cusum(CUSUMMonitor)
    case rareEvent(RareEventMonitor)

    /// Rule keys besides the run rules: a point beyond the limits on a chart whose rule set has no
    /// WE1 or N1 (and on EWMA charts), and the two sides of a CUSUM.
    static let ruleKeys: Set<String> = ["beyond", "cusum_upper", "cusum_lower"]

    /// One panel's point and the rules it fires.
    struct PanelPoint: Sendable, Equatable {
        /// `individuals`, `moving_range`, `mean`, `range`, `stddev`, `p`, `np`, `c`, `u`, `laney_p`,
        /// `laney_u`, `g`, `t`, `ewma` or `cusum` (as ``SPC/ChartType/primaryPanel`` names them).
        var panel: String
        /// The plotted statistic.
        var statistic: Double
        /// The rule keys that fire at this point.
        var firing: [String]
    }

    /// A phase II monitor of `settings`' chart type with `limits`.
    /// - Throws: ``SPCError`` for limits a monitor cannot take (σ ≤ 0, a rate out of range).
    init(settings: ChartSettings, limits: FrozenLimits) throws(SPCError) {
        let request = settings.request
        let rules = request.options.rules
        switch request.type {
        case .individuals: self = .individuals(try IndividualsMonitor(center: limits.center, sigma: limits.sigma, rules: rules))
        case .xbarR, .xbarS:
            self = .subgroups(try SubgroupMonitor(center: limits.center, sigma: limits.sigma, usesRange: request.type == .xbarR, rules: rules))
        case .p, .np, .c, .u, .laneyP, .laneyU:
            self = .attribute(try AttributeMonitor(type: request.type, rate: limits.center, sigmaZ: limits.sigmaZ ?? 1, rules: rules))
        case .g: self = .rareEvent(try RareEventMonitor(unitsBetweenEventsMean: limits.center))
        case .t:
            guard let lower = limits.lower, let upper = limits.upper else {
                throw .invalidParameter(name: "limits", value: limits.center, reason: "the frozen limits of a t chart lack lcl and ucl")
            }
            self = .rareEvent(try RareEventMonitor(timeBetweenEventsMedian: limits.center, lower: lower, upper: upper))
        case .ewma: self = .ewma(try EWMAMonitor(center: limits.center, sigma: limits.sigma, lambda: request.lambda, width: request.width))
        case .cusum:
            self = .cusum(try CUSUMMonitor(center: limits.center, sigma: limits.sigma, k: request.k, h: request.h, headStart: request.headStart))
        case .zmr:
            throw .unsupportedOption(name: "type", reason: ChartSettings.notLive(request.type))
        }
    }

    /// Feeds the next point: `subgroup`'s values (one for individuals, g, t, EWMA and CUSUM), summed into a
    /// count of `sampleSize` × values items for p, np, u and the Laney charts, as ``ChartSettings/input(of:)`` does.
    /// - Throws: ``SPCError`` for a value the chart cannot take (a count above its size).
    mutating func add(_ subgroup: Subgrouping.Subgroup, sampleSize: Double) throws(SPCError) -> [PanelPoint] {
        switch self {
        case .individuals(var monitor):
            let update = try monitor.add(subgroup.values[0])
            self = .individuals(monitor)
            return [Self.point("individuals", update.individual)] + (update.movingRange.map { [Self.point("moving_range", $0)] } ?? [])
        case .subgroups(var monitor):
            let update = try monitor.add(subgroup: subgroup.values)
            self = .subgroups(monitor)
            return [Self.point("mean", update.mean), Self.point(monitor.usesRange ? "range" : "stddev", update.dispersion)]
        case .attribute(var monitor):
            let count = subgroup.values.reduce(0, +)
            let size = monitor.type == .c ? 1 : Double(subgroup.values.count) * sampleSize
            let signal = try monitor.add(count: count, size: size)
            self = .attribute(monitor)
            return [Self.point(monitor.type.primaryPanel, signal)]
        case .ewma(var monitor):
            let signal = try monitor.add(subgroup.values[0])
            self = .ewma(monitor)
            return [Self.point("ewma", signal)]
        case .rareEvent(var monitor):
            let signal = try monitor.add(subgroup.values[0])
            self = .rareEvent(monitor)
            return [Self.point(monitor.type.rawValue, signal)]
        case .cusum(var monitor):
            let update = try monitor.add(subgroup.values[0])
            self = .cusum(monitor)
            var firing: [String] = []
            if update.upperSignal { firing.append("cusum_upper") }
            if update.lowerSignal { firing.append("cusum_lower") }
            return [PanelPoint(panel: "cusum", statistic: max(update.upper, update.lower), firing: firing)]
        }
    }

    private static func point(_ panel: String, _ signal: MonitorSignal) -> PanelPoint {
        var firing = signal.violations.map(\.rule.rawValue)
        if signal.isBeyond, !firing.contains(RunRule.we1.rawValue), !firing.contains(RunRule.n1.rawValue) { firing.append("beyond") }
        return PanelPoint(panel: panel, statistic: signal.statistic, firing: firing)
    }
}
