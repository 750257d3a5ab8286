import Foundation
import Testing

@testable import SPC

/// The JSON keys are a contract with scripts (issue 4): check them exactly.
@Suite struct JSONEncodingTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    let panelKeys: Set<String> = ["center", "lcl", "ucl", "sigma", "sigma_method", "statistics", "beyond", "violations"]

    @Test func individualsChartKeysAndValues() throws {
        let chart = try IndividualsChart.analyze(PublishedData.table9_1, options: ChartOptions(rules: .westernElectric))
        let json = try object(chart)
        #expect(Set(json.keys) == panelKeys.union(["type", "phase1", "excluded", "secondary", "episodes", "warnings"]))
        #expect(json["type"] as? String == "imr")
        #expect(close(json["center"] as? Double ?? 0, chart.processCenter, relative: 1e-15))
        #expect(json["phase1"] as? [Int] == [0, 30])
        // Table 9.1 ends with 8 points above its mean 10.315 (rows 22 to 29): WE4 at row 29.
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.count == 1)
        #expect(violations.first?["rule"] as? String == "WE4")
        #expect(violations.first?["index"] as? Int == 29)
        #expect(violations.first?["points"] as? [Int] == Array(22...29))
        let episodes = try #require(json["episodes"] as? [[String: Any]])
        #expect(episodes.count == 1)
        #expect(episodes.first?["panel"] as? String == "individuals" && episodes.first?["rule"] as? String == "WE4")
        #expect(episodes.first?["first"] as? Int == 29 && episodes.first?["points"] as? Int == 1)
        let secondary = try #require(json["secondary"] as? [String: Any])
        #expect(Set(secondary.keys) == panelKeys.union(["type"]))
        #expect(secondary["type"] as? String == "mr")
        let movingRanges = try #require(secondary["statistics"] as? [Any])
        #expect(movingRanges.first is NSNull)
        #expect(movingRanges.count == 30)
    }

    @Test func varyingLimitsAreLists() throws {
        let chart = try AttributeChart.u(defects: [3, 4, 10], units: [1, 2, 2])
        let json = try object(chart)
        #expect(json["center"] as? Double == 3.4)
        #expect((json["ucl"] as? [Double])?.count == 3)
        #expect(json["sigma_method"] as? String == "poisson")
        #expect(json["secondary"] == nil)
    }

    @Test func ewmaAddsItsParameters() throws {
        let chart = try EWMAChart.analyze(
            PublishedData.table9_1, lambda: 0.1, width: 2.7, options: ChartOptions(standards: KnownStandards(center: 10, sigma: 1)))
        let json = try object(chart)
        #expect(json["lambda"] as? Double == 0.1)
        #expect(json["L"] as? Double == 2.7)
        #expect(json["beyond"] as? [Int] == [28, 29])
    }

    @Test func cusumKeys() throws {
        let chart = try CUSUMChart(PublishedData.table9_1, k: 0.5, h: 5, options: ChartOptions(standards: KnownStandards(center: 10, sigma: 1)))
        let json = try object(chart)
        #expect(
            Set(json.keys) == [
                "type", "center", "sigma", "sigma_method", "k", "h", "head_start", "reference_value", "decision_interval",
                "ucl", "lcl", "statistics", "upper", "lower", "upper_signals", "lower_signals", "beyond", "violations", "phase1",
            ])
        #expect(json["upper_signals"] as? [Int] == [28, 29])
        #expect(json["ucl"] as? Double == 5)
        #expect(json["lcl"] as? Double == -5)
        #expect(json["sigma_method"] as? String == "known")
    }

    @Test func capabilityKeysAndNulls() throws {
        let study = try CapabilityStudy.individuals(PublishedData.table9_1, specification: try SpecificationLimits(lower: nil, upper: 12))
        let json = try object(study)
        #expect(
            Set(json.keys) == [
                "n", "mean", "sigma_within", "sigma_overall", "sigma_method", "cp", "cpk", "cpl", "cpu", "cpm",
                "pp", "ppk", "ppl", "ppu", "cpk_ci", "ppm", "normality", "warnings",
            ])
        #expect(json["cp"] is NSNull)
        #expect(close(json["cpk"] as? Double ?? 0, try #require(study.cpk), relative: 1e-15))
        let ppm = try #require(json["ppm"] as? [String: [String: Double]])
        #expect(Set(ppm.keys) == ["expected_within", "expected_overall", "observed"])
        // Two values (12.16 and 12.29) of 30 are above 12: 66666.67 PPM.
        #expect(close(ppm["observed"]?["above"] ?? 0, 2e6 / 30, relative: 1e-15))
        let normality = try #require(json["normality"] as? [String: Any])
        #expect(normality["test"] as? String == "anderson-darling")
        #expect(Set(normality.keys) == ["test", "n", "a2", "a2_adjusted", "p_value"])
    }
}
