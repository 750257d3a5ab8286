import Historian
import Hummingbird
import Live
import SPC

/// The parameters of `GET /api/v1/spc/capability`, as `histd spc capability` takes them: `lsl`,
/// `usl`, `target`, `sigma_method`, `confidence`, `transform` (boxcox) with `lambda`, `distribution`
/// (lognormal, weibull or normal), plus the subgrouping (none: individual values).
struct SPCCapabilityParameters: Sendable {
    static let names: Set<String> = [
        "lsl", "usl", "target", "sigma_method", "confidence", "subgroup_size", "subgroup_every", "transform", "lambda", "distribution",
    ]

    var lower: Double?
    var upper: Double?
    var target: Double?
    var sigmaMethod: SigmaMethod
    var confidence: Double
    var subgrouping: Subgrouping
    /// Whether to compute the study on Box-Cox transformed values, with this λ (nil: estimated).
    var boxCox = false
    var lambda: Double?
    /// The distribution whose percentile-method indices to add.
    var distribution: CapabilityDistribution?

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
        if let transform = parameters.get("transform") {
            guard transform == "boxcox" else { throw APIError.badRequest("transform '\(transform)' is not available (use boxcox)") }
            boxCox = true
        }
        lambda = try parameters.finiteNumber("lambda")
        if lambda != nil, !boxCox { throw APIError.badRequest("lambda needs transform=boxcox") }
        if let text = parameters.get("distribution") {
            guard let type = CapabilityDistribution(rawValue: text) else {
                throw APIError.badRequest("distribution '\(text)' is not lognormal, weibull or normal")
            }
            guard !boxCox else { throw APIError.badRequest("distribution cannot be combined with transform") }
            distribution = type
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
        var study: ProcessCapability
        if subgrouping == .none {
            let values = subgroups.map { $0.values[0] }
            study =
                boxCox
                ? try CapabilityStudy.boxCoxIndividuals(values, specification: specification, lambda: lambda, confidenceLevel: confidence)
                : try CapabilityStudy.individuals(values, specification: specification, confidenceLevel: confidence)
        } else {
            let values = subgroups.map(\.values)
            study =
                boxCox
                ? try CapabilityStudy.boxCoxSubgroups(
                    values, specification: specification, lambda: lambda, sigmaMethod: sigmaMethod, confidenceLevel: confidence)
                : try CapabilityStudy.subgroups(values, specification: specification, sigmaMethod: sigmaMethod, confidenceLevel: confidence)
        }
        if let distribution {
            study.percentileMethod = try percentileMethod(subgroups, distribution: distribution, specification: specification)
        }
        return study
    }

    /// The percentile-method study of all values; a value ≤ 0 is named by its subgroup.
    private func percentileMethod(
        _ subgroups: [Subgrouping.Subgroup], distribution: CapabilityDistribution, specification: SpecificationLimits
    ) throws(SPCError) -> PercentileCapability {
        do {
            return try PercentileCapability(subgroups.flatMap(\.values), distribution: distribution, specification: specification)
        } catch {
            guard case .nonPositiveValue(let index, let value, let reason) = error else { throw error }
            // The fit numbers the values one by one: name the subgroup that holds the value.
            var remaining = index
            var row = 0
            while row < subgroups.count, remaining >= subgroups[row].values.count {
                remaining -= subgroups[row].values.count
                row += 1
            }
            throw .nonPositiveValue(row: row, value: value, reason: reason)
        }
    }
}
