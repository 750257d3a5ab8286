import Hummingbird
import SPC

/// The parameters of `GET /api/v1/spc/chart`, as `histd spc chart` takes them: `type`, `rules`,
/// `phase1`, `center`, `sigma`, `lambda`, `L`, `k`, `h`, `head_start`, `sigma_method`,
/// `drop_out_of_control`, plus the subgrouping and, for p, np and u, `sample_size`.
struct SPCChartParameters: Sendable {
    static let names: Set<String> = [
        "type", "rules", "phase1", "center", "sigma", "lambda", "L", "k", "h", "head_start", "sigma_method",
        "drop_out_of_control", "subgroup_size", "subgroup_every", "sample_size",
    ]

    var request: ChartRequest
    var subgrouping: Subgrouping
    /// Items (p, np) or inspection units (u) per sample; each sample's value is its count.
    var sampleSize: Double

    /// - Throws: a 400 ``APIError`` naming the parameter.
    init(_ parameters: Parameters) throws {
        guard let typeText = parameters.get("type") else {
            throw APIError.badRequest("type is required: one of \(ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let type = ChartType(rawValue: typeText) else {
            throw APIError.badRequest("type '\(typeText)' is not one of \(ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var options = ChartOptions()
        switch parameters.get("rules") ?? "none" {
        case "we": options.rules = .westernElectric
        case "nelson": options.rules = .nelson
        case "none": options.rules = .none
        case let other: throw APIError.badRequest("rules '\(other)' is not one of we, nelson, none")
        }
        if let text = parameters.get("phase1") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower >= 0, lower < upper else {
                throw APIError.badRequest("phase1 '\(text)' is not A:B with 0 <= A < B (0-based points)")
            }
            options.phaseOne = lower..<upper
        }
        let center = try parameters.finiteNumber("center")
        let sigma = try parameters.finiteNumber("sigma")
        if center != nil || sigma != nil { options.standards = KnownStandards(center: center, sigma: sigma) }
        if let text = parameters.get("sigma_method") {
            guard let method = SigmaMethod(rawValue: text), [.rbar, .sbar, .mr, .sd].contains(method) else {
                throw APIError.badRequest("sigma_method '\(text)' is not one of rbar, sbar, mr, sd")
            }
            options.sigmaMethod = method
        }
        options.dropOutOfControl = try parameters.flag("drop_out_of_control")
        request = ChartRequest(
            type: type, options: options, lambda: try parameters.finiteNumber("lambda") ?? 0.2,
            width: try parameters.finiteNumber("L") ?? 3, k: try parameters.finiteNumber("k") ?? 0.5,
            h: try parameters.finiteNumber("h") ?? 5, headStart: try parameters.finiteNumber("head_start") ?? 0)
        subgrouping = try Subgrouping(parameters)
        let size = try parameters.finiteNumber("sample_size")
        if let size, size <= 0 { throw APIError.badRequest("sample_size \(size) must be positive") }
        sampleSize = size ?? 1
        switch type {
        case .xbarR, .xbarS:
            guard subgrouping != .none else {
                throw APIError.badRequest("type \(type.rawValue) needs subgroup_size or subgroup_every")
            }
        case .individuals, .ewma, .cusum:
            guard subgrouping == .none else {
                throw APIError.badRequest("subgroup_size and subgroup_every do not apply to type \(type.rawValue) (one sample per point)")
            }
        case .p, .np, .u:
            guard subgrouping != .none || size != nil else {
                throw APIError.badRequest("type \(type.rawValue) needs subgroup_size, subgroup_every or sample_size")
            }
        case .c:
            break
        }
        if size != nil, ![.p, .np, .u].contains(type) {
            throw APIError.badRequest("sample_size applies to types p, np and u only")
        }
        do {
            try request.validate()
        } catch {
            if case .unsupportedOption(let name, let reason) = error { throw APIError.badRequest("\(name): \(reason)") }
            throw APIError.badRequest(error.description)
        }
    }

    /// The chart input of the subgroups: measurements for variables charts; for c the sum of each
    /// subgroup's values; for p, np and u the sum as count and `sample_size` × samples as size.
    func input(of subgroups: [Subgrouping.Subgroup]) -> ChartInput {
        switch request.type {
        case .xbarR, .xbarS:
            return .subgroups(subgroups.map(\.values))
        case .individuals, .ewma, .cusum:
            return .values(subgroups.map { $0.values[0] })
        case .c:
            return .values(subgroups.map { $0.values.reduce(0, +) })
        case .p, .np, .u:
            return .counts(subgroups.map { $0.values.reduce(0, +) }, sizes: subgroups.map { Double($0.values.count) * sampleSize })
        }
    }
}
