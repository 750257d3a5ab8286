import Historian
import Hummingbird
import Live
import SPC

/// The parameters of `GET /api/v1/spc/capability`, as `histd spc capability` takes them: `lsl`,
/// `usl`, `target`, `sigma_method`, `confidence`, plus the subgrouping (none: individual values).
struct SPCCapabilityParameters: Sendable {
    static let names: Set<String> = ["lsl", "usl", "target", "sigma_method", "confidence", "subgroup_size", "subgroup_every"]

    var lower: Double?
    var upper: Double?
    var target: Double?
    var sigmaMethod: SigmaMethod
    var confidence: Double
    var subgrouping: Subgrouping

    /// - Throws: a 400 ``APIError`` naming the parameter.
    init(_ parameters: Parameters) throws {
        lower = try parameters.finiteNumber("lsl")
        upper = try parameters.finiteNumber("usl")
        target = try parameters.finiteNumber("target")
        confidence = try parameters.finiteNumber("confidence") ?? 0.95
        subgrouping = try ChartSettings.subgrouping { parameters.get($0) }
        let allowed: [SigmaMethod] = subgrouping == .none ? [.mr] : [.rbar, .sbar]
        if let text = parameters.get("sigma_method") {
            guard let method = SigmaMethod(rawValue: text), allowed.contains(method) else {
                throw APIError.badRequest(
                    "sigma_method '\(text)' is not available \(subgrouping == .none ? "for individual values" : "with subgroups") (use \(allowed.map(\.rawValue).joined(separator: " or ")))"
                )
            }
            sigmaMethod = method
        } else {
            sigmaMethod = allowed[0]
        }
    }

    /// The limits of the request, each defaulting to the series' spec limit from its metadata.
    /// - Throws: a 400 ``APIError`` when neither gives a limit or the lower is not below the upper.
    func specification(metadata: SeriesMetadata) throws -> SpecificationLimits {
        let lower = lower ?? metadata.lowerSpecLimit
        let upper = upper ?? metadata.upperSpecLimit
        guard lower != nil || upper != nil else {
            throw APIError.badRequest("lsl/usl: give lsl or usl, or set the series' spec limits (PUT /api/v1/series/{id})")
        }
        do {
            return try SpecificationLimits(lower: lower, upper: upper, target: target)
        } catch {
            throw SPCErrorAnswer.apiError(error, starts: [])
        }
    }

    /// The study of the subgroups: individual values without subgrouping, else subgroups.
    func study(_ subgroups: [Subgrouping.Subgroup], specification: SpecificationLimits) throws(SPCError) -> ProcessCapability {
        if subgrouping == .none {
            return try CapabilityStudy.individuals(subgroups.map { $0.values[0] }, specification: specification, confidenceLevel: confidence)
        }
        return try CapabilityStudy.subgroups(
            subgroups.map(\.values), specification: specification, sigmaMethod: sigmaMethod, confidenceLevel: confidence)
    }
}
