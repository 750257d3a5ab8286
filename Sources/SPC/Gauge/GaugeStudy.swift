#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A crossed gauge R&R study by two-way ANOVA, as AIAG MSA 4th ed. (ch. III, B, "Analysis of
/// Variance Method") and Minitab's "Gage R&R Study (Crossed)" compute it.
///
/// With p parts, o operators and r measurements in every cell (Montgomery, Introduction to Statistical
/// Quality Control, 7th ed., §8.7): the two-way ANOVA with interaction gives MS_P, MS_O, MS_PO and
/// MS_E; the interaction's p-value is P(F > MS_PO/MS_E) on ((p − 1)(o − 1), po(r − 1)) degrees of
/// freedom. When it exceeds 0.25 the interaction is pooled into the error, MS_E′ = (SS_PO + SS_E)/
/// (df_PO + df_E), and its component is 0. The variance components are σ²_repeatability = MS_E,
/// σ²_operator_by_part = (MS_PO − MS_E)/r, σ²_operator = (MS_O − MS_PO)/(pr), σ²_part = (MS_P − MS_PO)/(or)
/// (MS_E′ in place of MS_PO and MS_E without the interaction), each set to 0 when negative. The study
/// variation is the multiplier (6 by default, 5.15 in older manuals) times each σ; the percentages are
/// of the total σ (study variation), of the total variance (contribution) and of the tolerance; the
/// number of distinct categories is ⌊1.41·σ_part/σ_gage⌋ (AIAG MSA 4th ed., ch. III, B).
public struct GaugeStudy: Sendable, Equatable {
    /// The parts, operators (in order of first appearance) and measurements per cell.
    public var parts: [String]
    public var operators: [String]
    public var replicates: Int
    /// The p-value of the operator-by-part interaction in the full model.
    public var interactionPValue: Double
    /// Whether the interaction was pooled into the error (its p-value exceeds 0.25).
    public var interactionRemoved: Bool
    /// The ANOVA table of the model used (without the interaction row when it was pooled).
    public var analysisOfVariance: [GaugeAnalysisOfVarianceRow]
    /// Variance components σ², in squared units of the measurements.
    public var varianceComponents: GaugeComponents
    /// 100·σ²/σ²_total.
    public var percentContribution: GaugeComponents
    /// The multiplier of σ in the study variation (6 by default).
    public var studyVariationMultiplier: Double
    /// multiplier·σ, in units of the measurements.
    public var studyVariation: GaugeComponents
    /// 100·σ/σ_total.
    public var percentStudyVariation: GaugeComponents
    /// The tolerance (USL − LSL) given, and 100·multiplier·σ/tolerance (nil without a tolerance).
    public var tolerance: Double?
    public var percentTolerance: GaugeComponents?
    /// ⌊1.41·σ_part/σ_gage⌋; nil when σ_gage is 0.
    public var distinctCategories: Int?

    /// The p-value above which the interaction is pooled into the error (Minitab's default).
    static let interactionPoolingLevel = 0.25

    /// Analyzes a balanced crossed study.
    ///
    /// - Parameters:
    ///   - measurements: every part measured by every operator the same number of times (at least 2).
    ///   - tolerance: USL − LSL, > 0, for `percentTolerance`.
    ///   - studyVariationMultiplier: the multiple of σ in the study variation, > 0.
    /// - Throws: `SPCError.unbalancedCell` naming the first cell (in order of the parts, then the
    ///   operators) whose number of measurements differs from the number most cells hold, or that has
    ///   none; `SPCError.insufficientData` for fewer than 2 parts, 2 operators or 2 measurements per
    ///   cell; `SPCError.nonFiniteValue` naming the row; `SPCError.degenerateSpread` when every cell's
    ///   measurements are identical (no repeatability); `SPCError.invalidParameter` for a tolerance or
    ///   multiplier that is not positive.
    public init(
        _ measurements: [GaugeMeasurement], tolerance: Double? = nil, studyVariationMultiplier: Double = 6
    ) throws(SPCError) {
        if let tolerance, !(tolerance > 0 && tolerance.isFinite) {
            throw .invalidParameter(name: "tolerance", value: tolerance, reason: "must be a positive finite number")
        }
        guard studyVariationMultiplier > 0, studyVariationMultiplier.isFinite else {
            throw .invalidParameter(name: "study-var", value: studyVariationMultiplier, reason: "must be a positive finite number")
        }
        if let row = measurements.firstIndex(where: { !$0.value.isFinite }) { throw .nonFiniteValue(row: row) }
        let table = try GaugeTable(measurements)
        let anova = table.analysisOfVariance()
        guard anova.errorMeanSquare > 0 else {
            throw .degenerateSpread(reason: "every part-by-operator cell holds identical measurements (no repeatability)")
        }
        let p = Double(table.parts.count)
        let o = Double(table.operators.count)
        let r = Double(table.replicates)
        let interactionPValue = FDistribution(numerator: anova.interactionDegrees, denominator: anova.errorDegrees)
            .upperTail(anova.interactionMeanSquare / anova.errorMeanSquare)
        let removed = interactionPValue > Self.interactionPoolingLevel
        let repeatability: Double
        let operatorByPart: Double
        let operatorVariance: Double
        let partVariance: Double
        if removed {
            let pooled = (anova.interactionSquares + anova.errorSquares) / (anova.interactionDegrees + anova.errorDegrees)
            repeatability = pooled
            operatorByPart = 0
            operatorVariance = max(0, (anova.operatorMeanSquare - pooled) / (p * r))
            partVariance = max(0, (anova.partMeanSquare - pooled) / (o * r))
        } else {
            repeatability = anova.errorMeanSquare
            operatorByPart = max(0, (anova.interactionMeanSquare - anova.errorMeanSquare) / r)
            operatorVariance = max(0, (anova.operatorMeanSquare - anova.interactionMeanSquare) / (p * r))
            partVariance = max(0, (anova.partMeanSquare - anova.interactionMeanSquare) / (o * r))
        }
        let reproducibility = operatorVariance + operatorByPart
        let gage = repeatability + reproducibility
        let variances = GaugeComponents(
            repeatability: repeatability, reproducibility: reproducibility, operator: operatorVariance,
            operatorByPart: operatorByPart, gageRR: gage, partToPart: partVariance, total: gage + partVariance)
        let sigmas = variances.map { $0.squareRoot() }
        parts = table.parts
        operators = table.operators
        replicates = table.replicates
        self.interactionPValue = interactionPValue
        interactionRemoved = removed
        analysisOfVariance = Self.table(anova, interactionRemoved: removed, interactionPValue: interactionPValue)
        varianceComponents = variances
        percentContribution = variances.map { 100 * $0 / variances.total }
        self.studyVariationMultiplier = studyVariationMultiplier
        studyVariation = sigmas.map { studyVariationMultiplier * $0 }
        percentStudyVariation = sigmas.map { 100 * $0 / sigmas.total }
        self.tolerance = tolerance
        percentTolerance = tolerance.map { tolerance in sigmas.map { 100 * studyVariationMultiplier * $0 / tolerance } }
        distinctCategories = sigmas.gageRR > 0 ? Int((1.41 * sigmas.partToPart / sigmas.gageRR).rounded(.down)) : nil
    }

    /// Part and operator are tested against the interaction's mean square in the full model and
    /// against the pooled error without it (Montgomery, Design and Analysis of Experiments, 8th ed.,
    /// §13.2, the random-effects model).
    static func table(
        _ anova: GaugeTable.AnalysisOfVariance, interactionRemoved: Bool, interactionPValue: Double
    ) -> [GaugeAnalysisOfVarianceRow] {
        let errorSquares = interactionRemoved ? anova.interactionSquares + anova.errorSquares : anova.errorSquares
        let errorDegrees = interactionRemoved ? anova.interactionDegrees + anova.errorDegrees : anova.errorDegrees
        let testSquare = interactionRemoved ? errorSquares / errorDegrees : anova.interactionMeanSquare
        let testDegrees = interactionRemoved ? errorDegrees : anova.interactionDegrees
        func tested(_ source: String, _ squares: Double, _ degrees: Double) -> GaugeAnalysisOfVarianceRow {
            let meanSquare = squares / degrees
            let f = meanSquare / testSquare
            return GaugeAnalysisOfVarianceRow(
                source: source, degreesOfFreedom: Int(degrees), sumOfSquares: squares, meanSquare: meanSquare, f: f,
                p: FDistribution(numerator: degrees, denominator: testDegrees).upperTail(f))
        }
        var rows = [
            tested("part", anova.partSquares, anova.partDegrees), tested("operator", anova.operatorSquares, anova.operatorDegrees),
        ]
        if !interactionRemoved {
            rows.append(
                GaugeAnalysisOfVarianceRow(
                    source: "operator_by_part", degreesOfFreedom: Int(anova.interactionDegrees), sumOfSquares: anova.interactionSquares,
                    meanSquare: anova.interactionMeanSquare, f: anova.interactionMeanSquare / anova.errorMeanSquare, p: interactionPValue))
        }
        rows.append(
            GaugeAnalysisOfVarianceRow(
                source: "repeatability", degreesOfFreedom: Int(errorDegrees), sumOfSquares: errorSquares,
                meanSquare: errorSquares / errorDegrees))
        let totalDegrees = anova.partDegrees + anova.operatorDegrees + anova.interactionDegrees + anova.errorDegrees
        rows.append(
            GaugeAnalysisOfVarianceRow(
                source: "total", degreesOfFreedom: Int(totalDegrees),
                sumOfSquares: anova.partSquares + anova.operatorSquares + anova.interactionSquares + anova.errorSquares))
        return rows
    }
}
