import SPC
import Time

/// The chart settings that `GET /api/v1/spc/chart` takes as parameters and a chart definition
/// (`POST /api/v1/spc/charts`) as keys, parsed once for both: `type`, `rules`, `phase1` (points
/// `A:B`; a definition gives a time range instead), `center`, `sigma`, `lambda`, `L`, `k`, `h`,
/// `head_start`, `sigma_method`, `drop_out_of_control`, `subgroup_size`, `subgroup_every`, `sample_size`,
/// `distribution` (t charts: `exponential` or `weibull`), `sigma_by` (zmr charts: `part` or `constant`).
public struct ChartSettings: Sendable, Equatable {
    /// Every setting's name.
    public static let names: Set<String> = [
        "type", "rules", "phase1", "center", "sigma", "lambda", "L", "k", "h", "head_start", "sigma_method",
        "drop_out_of_control", "subgroup_size", "subgroup_every", "sample_size", "distribution", "sigma_by",
    ]

    /// The chart to compute.
    public var request: ChartRequest
    /// How samples become points.
    public var subgrouping: Subgrouping
    /// Items (p, np) or inspection units (u) per sample; each sample's value is its count.
    public var sampleSize: Double

    /// Reads the settings through `value`, which gives a setting's text or nil when it is absent.
    /// - Throws: ``ChartSettingsError`` naming the setting.
    public init(_ value: (String) -> String?) throws(ChartSettingsError) {
        let types = ChartType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let typeText = value("type") else { throw ChartSettingsError(key: "type", "type is required: one of \(types)") }
        guard let type = ChartType(rawValue: typeText) else { throw ChartSettingsError(key: "type", "type '\(typeText)' is not one of \(types)") }
        var options = ChartOptions()
        options.rules = try Self.rules(value("rules") ?? "none")
        if let text = value("phase1") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower >= 0, lower < upper else {
                throw ChartSettingsError(key: "phase1", "phase1 '\(text)' is not A:B with 0 <= A < B (0-based points)")
            }
            options.phaseOne = lower..<upper
        }
        let center = try Self.number("center", value)
        let sigma = try Self.number("sigma", value)
        if center != nil || sigma != nil { options.standards = KnownStandards(center: center, sigma: sigma) }
        if let text = value("sigma_method") {
            guard let method = SigmaMethod(rawValue: text), [.rbar, .sbar, .mr, .sd].contains(method) else {
                throw ChartSettingsError(key: "sigma_method", "sigma_method '\(text)' is not one of rbar, sbar, mr, sd")
            }
            options.sigmaMethod = method
        }
        options.dropOutOfControl = try Self.flag("drop_out_of_control", value)
        let distribution = try Self.choice("distribution", value, default: TimeBetweenEventsDistribution.exponential)
        let sigmaBy = try Self.choice("sigma_by", value, default: ShortRunSigma.part)
        request = ChartRequest(
            type: type, options: options, lambda: try Self.number("lambda", value) ?? 0.2, width: try Self.number("L", value) ?? 3,
            k: try Self.number("k", value) ?? 0.5, h: try Self.number("h", value) ?? 5, headStart: try Self.number("head_start", value) ?? 0,
            distribution: distribution, sigmaBy: sigmaBy)
        subgrouping = try Self.subgrouping(value)
        let size = try Self.number("sample_size", value)
        if let size, size <= 0 { throw ChartSettingsError(key: "sample_size", "sample_size \(size) must be positive") }
        sampleSize = size ?? 1
        switch type {
        case .xbarR, .xbarS:
            guard subgrouping != .none else {
                throw ChartSettingsError(key: "subgroup_size", "type \(type.rawValue) needs subgroup_size or subgroup_every")
            }
        case .individuals, .ewma, .cusum, .g, .t, .zmr:
            guard subgrouping == .none else {
                throw ChartSettingsError(
                    key: "subgroup_size", "subgroup_size and subgroup_every do not apply to type \(type.rawValue) (one sample per point)")
            }
        case .p, .np, .u, .laneyP, .laneyU:
            guard subgrouping != .none || size != nil else {
                throw ChartSettingsError(key: "sample_size", "type \(type.rawValue) needs subgroup_size, subgroup_every or sample_size")
            }
        case .c:
            break
        }
        if size != nil, ![.p, .np, .u, .laneyP, .laneyU].contains(type) {
            throw ChartSettingsError(key: "sample_size", "sample_size applies to types p, np, u, laney-p and laney-u only")
        }
        do {
            try request.validate()
        } catch {
            if case .unsupportedOption(let name, let reason) = error {
                let key = name.replacing("-", with: "_")
                throw ChartSettingsError(key: key, "\(key): \(reason)")
            }
            throw ChartSettingsError(key: "type", error.description)
        }
    }

    /// `we`, `nelson`, `none`, or rule names joined by commas (`WE1,WE2`).
    static func rules(_ text: String) throws(ChartSettingsError) -> RunRuleSet {
        switch text {
        case "we": return .westernElectric
        case "nelson": return .nelson
        case "none": return .none
        default:
            var rules = RunRuleSet.none
            for name in text.split(separator: ",") {
                guard let rule = RunRule(rawValue: name.uppercased()) else {
                    throw ChartSettingsError(
                        key: "rules", "rules '\(text)' is not we, nelson, none or a list of rules like WE1,WE2 (\(name) is not a rule)")
                }
                rules.insert(RunRuleSet(rule))
            }
            return rules
        }
    }

    /// `subgroup_size` (consecutive samples) or `subgroup_every` (a duration), at most one.
    /// - Throws: ``ChartSettingsError`` for both, a size that is not a positive integer, a text that is not a duration.
    public static func subgrouping(_ value: (String) -> String?) throws(ChartSettingsError) -> Subgrouping {
        switch (value("subgroup_size"), value("subgroup_every")) {
        case (.some, .some):
            throw ChartSettingsError(key: "subgroup_size", "give subgroup_size or subgroup_every, not both")
        case (let text?, nil):
            guard let size = Int(text), size > 0 else {
                throw ChartSettingsError(key: "subgroup_size", "subgroup_size '\(text)' is not a positive integer")
            }
            return .count(size)
        case (nil, let text?):
            guard let width = DurationText.nanoseconds(text), width > 0 else {
                throw ChartSettingsError(key: "subgroup_every", "subgroup_every '\(text)' is not a duration like 1h or 15m")
            }
            return .every(width)
        case (nil, nil):
            return .none
        }
    }

    private static func number(_ key: String, _ value: (String) -> String?) throws(ChartSettingsError) -> Double? {
        guard let text = value(key) else { return nil }
        guard let number = Double(text), number.isFinite else { throw ChartSettingsError(key: key, "\(key) '\(text)' is not a finite number") }
        return number
    }

    /// A setting whose text is one of `Choice`'s raw values.
    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, _ value: (String) -> String?, default fallback: Choice
    ) throws(ChartSettingsError) -> Choice where Choice.RawValue == String {
        guard let text = value(key) else { return fallback }
        guard let choice = Choice(rawValue: text) else {
            throw ChartSettingsError(key: key, "\(key) '\(text)' is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    private static func flag(_ key: String, _ value: (String) -> String?) throws(ChartSettingsError) -> Bool {
        switch value(key) {
        case nil, "false", "0": return false
        case "", "true", "1": return true
        case let text?: throw ChartSettingsError(key: key, "\(key) '\(text)' is not true or false")
        }
    }

    /// The chart types a live definition may not use: a Z-MR chart standardizes each point by its
    /// part's estimates, which a definition of one series does not carry; GET /api/v1/spc/chart computes it.
    static let notLiveTypes: Set<ChartType> = [.zmr]

    /// Why a live definition refuses `type`.
    static func notLive(_ type: ChartType) -> String {
        "type \(type.rawValue) is not available for live charts (each point needs its part's estimates); compute it with GET /api/v1/spc/chart"
    }

    /// The fewest values a point of this chart takes: 2 for X-bar charts (a range or standard
    /// deviation needs two), else 1. A live chart leaves smaller time buckets out (a gap in the data).
    public var minimumSubgroupSize: Int {
        request.type == .xbarR || request.type == .xbarS ? 2 : 1
    }

    /// The chart input of the subgroups: measurements for variables charts, g and t; for c the sum of
    /// each subgroup's values; for p, np, u, laney-p and laney-u the sum as count and `sample_size` ×
    /// samples as size. A zmr chart also needs each point's part: ``input(of:parts:)``.
    public func input(of subgroups: [Subgrouping.Subgroup]) -> ChartInput {
        input(of: subgroups, parts: [])
    }

    /// The chart input of the subgroups as ``input(of:)``, and for zmr each point's part in `parts`.
    public func input(of subgroups: [Subgrouping.Subgroup], parts: [String]) -> ChartInput {
        switch request.type {
        case .xbarR, .xbarS:
            return .subgroups(subgroups.map(\.values))
        case .individuals, .ewma, .cusum, .g, .t:
            return .values(subgroups.map { $0.values[0] })
        case .zmr:
            return .partValues(parts: parts, values: subgroups.map { $0.values[0] })
        case .c:
            return .values(subgroups.map { $0.values.reduce(0, +) })
        case .p, .np, .u, .laneyP, .laneyU:
            return .counts(subgroups.map { $0.values.reduce(0, +) }, sizes: subgroups.map { Double($0.values.count) * sampleSize })
        }
    }
}
