extension CapabilityStudy {
    /// A study of individual values after a Box-Cox transform (``BoxCoxTransform``): the values and the
    /// specification limits (and target) are transformed and every index is computed on the transformed
    /// scale, as Minitab's "Box-Cox transformation" capability option does.
    ///
    /// - Parameter lambda: the power λ; nil estimates it from the values (``BoxCoxTransform/estimate(_:)``).
    /// - Throws: `SPCError.nonPositiveValue` naming the first value ≤ 0, `SPCError.invalidParameter` for a
    ///   limit ≤ 0, and the errors of ``individuals(_:specification:confidenceLevel:)``.
    public static func boxCoxIndividuals(
        _ values: [Double], specification: SpecificationLimits, lambda: Double? = nil, confidenceLevel: Double = 0.95
    ) throws(SPCError) -> ProcessCapability {
        let transform = try boxCoxTransform(lambda: lambda, estimatedFrom: values)
        var study = try individuals(
            transform.apply(values), specification: transform.apply(specification), confidenceLevel: confidenceLevel)
        study.transform = transform
        return study
    }

    /// A study of subgroups after a Box-Cox transform of every value; λ, when not given, is estimated
    /// from all the values together.
    ///
    /// - Throws: `SPCError.nonPositiveValue` naming the subgroup (row) of the first value ≤ 0, and the
    ///   errors of ``boxCoxIndividuals(_:specification:lambda:confidenceLevel:)`` and
    ///   ``subgroups(_:specification:sigmaMethod:confidenceLevel:)``.
    public static func boxCoxSubgroups(
        _ subgroups: [[Double]], specification: SpecificationLimits, lambda: Double? = nil, sigmaMethod: SigmaMethod = .rbar,
        confidenceLevel: Double = 0.95
    ) throws(SPCError) -> ProcessCapability {
        for (row, subgroup) in subgroups.enumerated() {
            if let value = subgroup.first(where: { !($0 > 0) }) {
                guard value.isFinite else { throw .nonFiniteValue(row: row) }
                throw .nonPositiveValue(row: row, value: value, reason: "the Box-Cox transform takes positive values")
            }
        }
        let transform = try boxCoxTransform(lambda: lambda, estimatedFrom: subgroups.flatMap { $0 })
        var study = try CapabilityStudy.subgroups(
            subgroups.map { $0.map { transform($0) } }, specification: transform.apply(specification), sigmaMethod: sigmaMethod,
            confidenceLevel: confidenceLevel)
        study.transform = transform
        return study
    }

    /// The transform of the given λ, or of the λ estimated from `values`.
    private static func boxCoxTransform(lambda: Double?, estimatedFrom values: [Double]) throws(SPCError) -> BoxCoxTransform {
        if let lambda { return try BoxCoxTransform(lambda: lambda) }
        return try BoxCoxTransform.estimate(values)
    }
}
