import Testing

@testable import SPC

/// Reference figures from R 4.x base (`aov`, `pf`): Tests/SPCTests/Support/References/gauge_study.R.
@Suite struct GaugeStudyTests {
    /// Thermal impedance, 10 parts × 3 inspectors × 3 trials (Houf & Berman 1988; Montgomery, Introduction
    /// to Statistical Quality Control, 7th ed., Table 8.7, whose ANOVA prints MS 437.33, 19.63, 2.70, 0.51).
    static let impedance: [Double] = [
        37, 38, 37, 41, 41, 40, 41, 42, 41, 42, 41, 43, 42, 42, 42, 43, 42, 43, 30, 31, 31, 31, 31, 31, 29, 30, 28,
        42, 43, 42, 43, 43, 43, 42, 42, 42, 28, 30, 29, 29, 30, 29, 31, 29, 29, 42, 42, 43, 45, 45, 45, 44, 46, 45,
        25, 26, 27, 28, 28, 30, 29, 27, 27, 40, 40, 40, 43, 42, 42, 43, 43, 41, 25, 25, 25, 27, 29, 28, 26, 26, 26,
        35, 34, 34, 35, 35, 34, 35, 34, 35,
    ]

    static var impedanceMeasurements: [GaugeMeasurement] {
        impedance.enumerated().map { index, value in
            GaugeMeasurement(part: "\(index / 9 + 1)", operator: "\(index % 9 / 3 + 1)", value: value)
        }
    }

    static func expect(_ actual: GaugeComponents, _ expected: [Double], relative: Double = 1e-9) {
        let values = [
            actual.repeatability, actual.reproducibility, actual.operator, actual.operatorByPart, actual.gageRR, actual.partToPart,
            actual.total,
        ]
        for (value, reference) in zip(values, expected) {
            #expect(reference == 0 ? value == 0 : close(value, reference, relative: relative), "\(value) vs \(reference)")
        }
    }

    @Test func thermalImpedanceKeepsTheInteraction() throws {
        let study = try GaugeStudy(Self.impedanceMeasurements, tolerance: 50)
        #expect(study.parts.count == 10 && study.operators == ["1", "2", "3"] && study.replicates == 3)
        #expect(close(study.interactionPValue, 5.06009005892434e-07, relative: 1e-8))
        #expect(!study.interactionRemoved)
        Self.expect(
            study.varianceComponents,
            [
                0.511111111111114, 1.292592592592597, 0.564609053497944, 0.727983539094653, 1.803703703703711, 48.292592592592591,
                50.096296296296302,
            ])
        Self.expect(
            study.percentContribution,
            [1.02025728227119, 2.58021588052640, 1.12704749700166, 1.45316838352474, 3.60047316279759, 96.39952683720242, 100])
        Self.expect(
            study.studyVariation,
            [4.28952211790546, 6.82153452921947, 4.50842832103672, 5.11931708408529, 8.05812219647565, 41.69572320194642, 42.46724227762697])
        Self.expect(
            study.percentStudyVariation,
            [10.1007785950945, 16.0630503968779, 10.6162493235684, 12.0547433963761, 18.9749128134956, 98.1832607103688, 100])
        Self.expect(
            try #require(study.percentTolerance),
            [8.57904423581091, 13.64306905843894, 9.01685664207344, 10.23863416817058, 16.11624439295131, 83.39144640389284, 84.93448455525393])
        #expect(study.distinctCategories == 7)
        // R: the ANOVA with interaction, part and operator tested against the interaction.
        Self.expect(
            study.analysisOfVariance,
            [
                ("part", 9, 3935.9555555555553, 437.328395061728372, 162.27027027026966, 2.29203004757770e-15),
                ("operator", 2, 39.2666666666668, 19.633333333333397, 7.28492899679340, 4.80960887996598e-03),
                ("operator_by_part", 18, 48.5111111111113, 2.695061728395072, 5.27294685990337, 5.06009005892434e-07),
                ("repeatability", 60, 30.6666666666669, 0.511111111111114, nil, nil),
            ])
        #expect(study.analysisOfVariance.last?.source == "total" && study.analysisOfVariance.last?.degreesOfFreedom == 89)
    }

    static func expect(
        _ rows: [GaugeAnalysisOfVarianceRow], _ expected: [(String, Int, Double, Double, Double?, Double?)]
    ) {
        for (row, reference) in zip(rows, expected) {
            #expect(row.source == reference.0 && row.degreesOfFreedom == reference.1)
            #expect(close(row.sumOfSquares, reference.2, relative: 1e-9) && close(row.meanSquare ?? 0, reference.3, relative: 1e-9))
            #expect(row.f.map { close($0, reference.4 ?? .nan, relative: 1e-9) } ?? (reference.4 == nil), "\(row)")
            #expect(row.p.map { close($0, reference.5 ?? .nan, relative: 1e-8) } ?? (reference.5 == nil), "\(row)")
        }
    }

    /// 5 parts × 2 operators × 2 trials: the interaction's p-value is 0.993, so it is pooled; the
    /// operator's component is negative and set to 0.
    static let small: [Double] = [
        2.48, 2.52, 2.50, 2.47, 2.61, 2.58, 2.57, 2.62, 2.40, 2.45, 2.44, 2.41, 2.55, 2.53, 2.51, 2.56, 2.66, 2.70, 2.69, 2.65,
    ]

    static var smallMeasurements: [GaugeMeasurement] {
        small.enumerated().map { index, value in
            GaugeMeasurement(part: ["A", "B", "C", "D", "E"][index / 4], operator: index % 4 < 2 ? "ann" : "bob", value: value)
        }
    }

    @Test func pooledInteractionAndNegativeComponent() throws {
        let study = try GaugeStudy(Self.smallMeasurements, tolerance: 0.6, studyVariationMultiplier: 5.15)
        #expect(close(study.interactionPValue, 0.993394421033678, relative: 1e-9))
        #expect(study.interactionRemoved)
        Self.expect(
            study.varianceComponents, [0.000562142857142862, 0, 0, 0, 0.000562142857142862, 0.009012589285714294, 0.009574732142857156])
        Self.expect(study.percentContribution, [5.87110791984115, 0, 0, 0, 5.87110791984115, 94.12889208015886, 100])
        Self.expect(study.studyVariation, [0.122104192919701, 0, 0, 0, 0.122104192919701, 0.488913488595229, 0.503930385330086])
        Self.expect(study.percentStudyVariation, [24.2303692085803, 0, 0, 0, 24.2303692085803, 97.0200453927738, 100])
        Self.expect(try #require(study.percentTolerance), [20.3506988199502, 0, 0, 0, 20.3506988199502, 81.4855814325382, 83.9883975550143])
        #expect(study.distinctCategories == 5)
        // R: aov(value ~ part + operator), the interaction pooled into the residuals.
        Self.expect(
            study.analysisOfVariance,
            [
                ("part", 4, 0.146450000000000163, 0.036612500000000041, 65.130241423125241, 6.85697093246895e-09),
                ("operator", 1, 0.000179999999999992, 0.000179999999999992, 0.320203303684861, 5.80442766352719e-01),
                ("repeatability", 14, 0.007870000000000075, 0.000562142857142863, nil, nil),
            ])
        #expect(study.analysisOfVariance.map(\.source) == ["part", "operator", "repeatability", "total"])
    }

    @Test func unbalancedAndMissingCellsAreNamed() {
        var missing = Self.smallMeasurements
        missing.removeAll { $0.part == "C" && $0.operator == "bob" }
        #expect(throws: SPCError.unbalancedCell(part: "C", operator: "bob", count: 0, expected: 2)) { try GaugeStudy(missing) }
        var extra = Self.smallMeasurements
        extra.append(GaugeMeasurement(part: "D", operator: "ann", value: 2.54))
        #expect(throws: SPCError.unbalancedCell(part: "D", operator: "ann", count: 3, expected: 2)) { try GaugeStudy(extra) }
        let once = Self.smallMeasurements.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(throws: SPCError.self) { try GaugeStudy(once) }
        #expect(throws: SPCError.self) { try GaugeStudy(Self.smallMeasurements.filter { $0.operator == "ann" }) }
        let constant = Self.smallMeasurements.map { GaugeMeasurement(part: $0.part, operator: $0.operator, value: 1) }
        #expect(throws: SPCError.self) { try GaugeStudy(constant) }
    }

    @Test func parsesCSVWithAHeader() throws {
        let text = "operator, part ,value\nann,A,2.48\n\nbob,A,2.50\n"
        #expect(
            try GaugeMeasurement.parseCSV(text) == [
                GaugeMeasurement(part: "A", operator: "ann", value: 2.48), GaugeMeasurement(part: "A", operator: "bob", value: 2.50),
            ])
        #expect(throws: SPCError.malformedLine(line: 3, reason: "value \"x\" is not a finite number")) {
            try GaugeMeasurement.parseCSV("part,operator,value\nA,ann,1\nA,bob,x\n")
        }
        #expect(throws: SPCError.malformedLine(line: 1, reason: "the header must name the columns part, operator and value")) {
            try GaugeMeasurement.parseCSV("a,b,c\n")
        }
    }
}
