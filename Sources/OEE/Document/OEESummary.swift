/// The JSON object of one OEE result, as `histd oee` prints one per shift and the daemon's
/// `/api/v1/oee` serves one per shift or group: times in minutes, ratios as fractions (0.75 = 75 %),
/// null where a ratio has no denominator. Keys (docs/oee.md): `shift`, `planned_production_time_min`,
/// `run_time_min`, `good`, `reject`, `total`, `availability`, `performance`, `quality`, `oee`,
/// `oee_index`, `teep`, `losses_min`, `six_big_losses`, `iso22400`, `warnings`; the context keys `machine`, `line`, `day`, `start`, `end`,
/// `group` and the reason Pareto `pareto` appear only when set, so the CLI's output has none of them.
public struct OEESummary: Encodable, Sendable {
    struct Losses: Encodable {
        var availabilityByReason: [String: Double]
        var availabilityTotal: Double
        var performanceTotal: Double
        var smallStops: Double
        var speedLoss: Double
        var quality: Double
        var fullyProductive: Double

        enum CodingKeys: String, CodingKey {
            case availabilityByReason = "availability_by_reason"
            case availabilityTotal = "availability_total"
            case performanceTotal = "performance_total"
            case smallStops = "small_stops"
            case speedLoss = "speed_loss"
            case quality
            case fullyProductive = "fully_productive"
        }
    }

    /// Nakajima's six big losses in minutes (docs/oee.md, "Reason categories and the six big losses").
    struct BigLosses: Encodable {
        var breakdowns: Double
        var setupAndAdjustments: Double
        var smallStops: Double
        var reducedSpeed: Double
        var startupRejects: Double
        var productionRejects: Double

        enum CodingKeys: String, CodingKey {
            case breakdowns
            case setupAndAdjustments = "setup_and_adjustments"
            case smallStops = "small_stops"
            case reducedSpeed = "reduced_speed"
            case startupRejects = "startup_rejects"
            case productionRejects = "production_rejects"
        }
    }

    struct Indicators: Encodable {
        var availability: Double?
        var effectiveness: Double?
        var qualityRatio: Double?
        var oeeIndex: Double?
        var utilizationEfficiency: Double?
        var neeIndex: Double?
        var setupRatio: Double?
        var technicalEfficiency: Double?
        var scrapRatio: Double?
        var meanTimeBetweenFailuresMinutes: Double?
        var meanTimeToRepairMinutes: Double?

        enum CodingKeys: String, CodingKey {
            case availability
            case effectiveness
            case qualityRatio = "quality_ratio"
            case oeeIndex = "oee_index"
            case utilizationEfficiency = "utilization_efficiency"
            case neeIndex = "nee_index"
            case setupRatio = "setup_ratio"
            case technicalEfficiency = "technical_efficiency"
            case scrapRatio = "scrap_ratio"
            case meanTimeBetweenFailuresMinutes = "mtbf_min"
            case meanTimeToRepairMinutes = "mttr_min"
        }

        /// Writes nil ratios as JSON null instead of leaving the key out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(availability, forKey: .availability)
            try container.encode(effectiveness, forKey: .effectiveness)
            try container.encode(qualityRatio, forKey: .qualityRatio)
            try container.encode(oeeIndex, forKey: .oeeIndex)
            try container.encode(utilizationEfficiency, forKey: .utilizationEfficiency)
            try container.encode(neeIndex, forKey: .neeIndex)
            try container.encode(setupRatio, forKey: .setupRatio)
            try container.encode(technicalEfficiency, forKey: .technicalEfficiency)
            try container.encode(scrapRatio, forKey: .scrapRatio)
            try container.encode(meanTimeBetweenFailuresMinutes, forKey: .meanTimeBetweenFailuresMinutes)
            try container.encode(meanTimeToRepairMinutes, forKey: .meanTimeToRepairMinutes)
        }
    }

    /// Name of the shift, or nil for a group of shifts.
    public var shift: String?
    /// Machine name.
    public var machine: String?
    /// Line of the machine.
    public var line: String?
    /// Day the shift starts on in the plant's time zone, `yyyy-MM-dd`.
    public var day: String?
    /// Start of the shift, RFC 3339.
    public var start: String?
    /// End of the shift, RFC 3339.
    public var end: String?
    /// Key of a roll-up group (a machine, line, shift name or day).
    public var group: String?
    /// Downtime reasons ranked by lost minutes.
    public var pareto: DowntimePareto?
    /// What a reader should not take at face value (``OEEWarning``).
    public var warnings: [OEEWarning]
    var plannedProductionTimeMinutes: Double
    var runTimeMinutes: Double
    var good: Int64
    var reject: Int64
    var total: Int64
    var availability: Double?
    var performance: Double?
    var quality: Double?
    var oee: Double?
    var oeeIndex: Double?
    var losses: Losses
    var bigLosses: BigLosses
    var indicators: Indicators
    var teep: Double?

    enum CodingKeys: String, CodingKey {
        case shift, machine, line, day, start, end, group, pareto
        case plannedProductionTimeMinutes = "planned_production_time_min"
        case runTimeMinutes = "run_time_min"
        case good, reject, total, availability, performance, quality, oee, warnings
        case oeeIndex = "oee_index"
        case losses = "losses_min"
        case bigLosses = "six_big_losses"
        case indicators = "iso22400"
        case teep
    }

    /// The summary of one shift, named after it, with its warnings (``OEEWarning/warnings(of:)-(ShiftReport)``).
    public init(_ report: ShiftReport) {
        self.init(report.result)
        shift = report.shift.name
        warnings = OEEWarning.warnings(of: report)
    }

    /// The summary of `result` with no context keys set; `context` names it in warnings.
    public init(_ result: OEEResult, context: String = "total") {
        warnings = OEEWarning.warnings(of: result, context: context)
        oeeIndex = result.oeeIndex
        let figures = result.figures
        bigLosses = BigLosses(
            breakdowns: Self.minutes(figures.availabilityLoss - figures.setupTime), setupAndAdjustments: Self.minutes(figures.setupTime),
            smallStops: Self.minutes(result.losses.smallStops), reducedSpeed: Self.minutes(result.losses.speedLoss), startupRejects: 0,
            productionRejects: Self.minutes(result.losses.quality))
        plannedProductionTimeMinutes = Self.minutes(result.figures.plannedProductionTime)
        runTimeMinutes = Self.minutes(result.figures.runTime)
        good = result.figures.good
        reject = result.figures.reject
        total = result.figures.total
        availability = result.availability
        performance = result.performance
        quality = result.quality
        oee = result.oee
        teep = result.teep
        losses = Losses(
            availabilityByReason: result.losses.availabilityByReason.mapValues(Self.minutes),
            availabilityTotal: Self.minutes(result.losses.availabilityTotal),
            performanceTotal: Self.minutes(result.losses.performanceTotal),
            smallStops: Self.minutes(result.losses.smallStops),
            speedLoss: Self.minutes(result.losses.speedLoss),
            quality: Self.minutes(result.losses.quality),
            fullyProductive: Self.minutes(result.losses.fullyProductive))
        let iso = result.iso22400
        indicators = Indicators(
            availability: iso.availability, effectiveness: iso.effectiveness, qualityRatio: iso.qualityRatio,
            oeeIndex: iso.oeeIndex, utilizationEfficiency: iso.utilizationEfficiency, neeIndex: iso.neeIndex, setupRatio: iso.setupRatio,
            technicalEfficiency: iso.technicalEfficiency,
            scrapRatio: iso.scrapRatio,
            meanTimeBetweenFailuresMinutes: iso.meanTimeBetweenFailures.map { $0 / 60e9 },
            meanTimeToRepairMinutes: iso.meanTimeToRepair.map { $0 / 60e9 })
    }

    /// Writes nil ratios as JSON null instead of leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(shift, forKey: .shift)
        try container.encodeIfPresent(machine, forKey: .machine)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(day, forKey: .day)
        try container.encodeIfPresent(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encodeIfPresent(pareto, forKey: .pareto)
        try container.encode(plannedProductionTimeMinutes, forKey: .plannedProductionTimeMinutes)
        try container.encode(runTimeMinutes, forKey: .runTimeMinutes)
        try container.encode(good, forKey: .good)
        try container.encode(reject, forKey: .reject)
        try container.encode(total, forKey: .total)
        try container.encode(availability, forKey: .availability)
        try container.encode(performance, forKey: .performance)
        try container.encode(quality, forKey: .quality)
        try container.encode(oee, forKey: .oee)
        try container.encode(oeeIndex, forKey: .oeeIndex)
        try container.encode(losses, forKey: .losses)
        try container.encode(bigLosses, forKey: .bigLosses)
        try container.encode(indicators, forKey: .indicators)
        try container.encode(teep, forKey: .teep)
        try container.encode(warnings, forKey: .warnings)
    }

    /// Nanoseconds to minutes.
    static func minutes(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 60e9 }
}
