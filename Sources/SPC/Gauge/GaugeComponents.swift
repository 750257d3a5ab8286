/// One figure for each source of variation of a gauge study (AIAG MSA 4th ed., ch. III, B).
public struct GaugeComponents: Sendable, Equatable {
    /// Equipment variation: the same operator measuring the same part again.
    public var repeatability: Double
    /// Appraiser variation: operator + operator_by_part.
    public var reproducibility: Double
    /// The operators' own effect.
    public var `operator`: Double
    /// The operator-by-part interaction (0 when pooled into the error).
    public var operatorByPart: Double
    /// repeatability + reproducibility.
    public var gageRR: Double
    /// The parts' variation.
    public var partToPart: Double
    /// gage_rr + part_to_part.
    public var total: Double

    /// Each figure transformed by `transform`.
    func map(_ transform: (Double) -> Double) -> GaugeComponents {
        GaugeComponents(
            repeatability: transform(repeatability), reproducibility: transform(reproducibility), operator: transform(`operator`),
            operatorByPart: transform(operatorByPart), gageRR: transform(gageRR), partToPart: transform(partToPart),
            total: transform(total))
    }
}
