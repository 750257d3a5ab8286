import Foundation
import TestSupport
import Testing

@testable import SPC

/// Warnings where the method does not fit the data, episodes of consecutive violations, and the
/// cap on per-point lists.
@Suite struct ChartWarningTests {
    @Test func lagOneAutocorrelationByHand() throws {
        // Mean 2.5; deviations -1.5, -0.5, 0.5, 1.5: Σ products 1.25, Σ squares 5.
        #expect(try #require(ChartWarning.lagOneAutocorrelation([1, 2, 3, 4])) == 0.25)
        #expect(ChartWarning.lagOneAutocorrelation([5, 5, 5]) == nil)
        #expect(ChartWarning.lagOneAutocorrelation([1, 2]) == nil)
    }

    @Test func autocorrelatedIndividualsAreFlaggedAndNoiseIsNot() throws {
        var generator = SplitMix64(seed: 4)
        func noise() -> Double { Double(Int64(generator.next() % 2_001) - 1_000) / 1_000 }
        var level = 50.0
        let drifting = (0..<200).map { _ in
            level += noise() * 0.3
            return level + noise() * 0.05
        }
        let chart = try IndividualsChart.analyze(drifting, options: ChartOptions(rules: .westernElectric))
        #expect(chart.warnings.map(\.code) == ["autocorrelation"])
        #expect(chart.warnings.first?.message.contains("EWMA") == true)
        let noisy = (0..<200).map { _ in 50 + noise() }
        #expect(try IndividualsChart.analyze(noisy).warnings.isEmpty)
    }

    @Test func shortAndReducedPhaseOnesAreFlagged() throws {
        let short = try IndividualsChart.analyze([5, 6, 5, 7, 6, 5, 6, 5, 7, 6], options: ChartOptions())
        #expect(short.warnings.map(\.code) == ["short_phase1"])
        // A ramp: moving ranges of 1 give limits of ±2.66 around the middle, so dropping the points
        // beyond them leaves a small middle part of phase I.
        let values = (0..<30).map(Double.init)
        var options = ChartOptions()
        options.dropOutOfControl = true
        let reduced = try IndividualsChart.analyze(values, options: options)
        #expect(reduced.excluded.count * 3 >= 30 || reduced.phaseOne.count - reduced.excluded.count < 20, "\(reduced.excluded)")
        #expect(reduced.warnings.map(\.code).contains("phase1_reduced"))
    }

    @Test func capabilityOfAShiftingProcessIsFlagged() throws {
        // Tight subgroups whose means wander: within sigma far below overall sigma.
        let subgroups = (0..<25).map { group in (0..<5).map { 10 + Double(group % 5) + Double($0) * 0.01 } }
        let study = try CapabilityStudy.subgroups(subgroups, specification: try SpecificationLimits(lower: 0, upper: 30))
        #expect(study.warnings.map(\.code) == ["unstable_process"])
        let steady = try CapabilityStudy.subgroups(
            (0..<25).map { group in (0..<5).map { 10 + Double(($0 + group) % 5) * 0.2 } }, specification: try SpecificationLimits(lower: 0, upper: 30)
        )
        #expect(steady.warnings.isEmpty)
    }

    @Test func episodesAreRunsOfConsecutivePointsAndListsAreCapped() throws {
        #expect(
            ChartEpisode.runs(of: [3, 4, 5, 9, 11, 12], panel: "mean", rule: "N2").map { [$0.first, $0.last, $0.points] } == [
                [3, 5, 3], [9, 9, 1], [11, 12, 2],
            ])
        var values = (0..<60).map { 10 + Double($0 % 3) * 0.1 }
        for index in 40..<60 { values[index] += 5 }
        let chart = try IndividualsChart.analyze(values, options: ChartOptions(phaseOne: 0..<40, rules: .nelson))
        let beyond = chart.episodes.filter { $0.panel == "individuals" && $0.rule == "beyond" }
        #expect(beyond.map { [$0.first, $0.last, $0.points] } == [[40, 59, 20]])
        let capped = try #require(try JSONSerialization.jsonObject(with: SPCJSON.encode(chart, maxViolations: 3)) as? [String: Any])
        #expect((capped["beyond"] as? [Int]) == [40, 41, 42])
        #expect(capped["beyond_omitted"] as? Int == 17)
        #expect((capped["violations"] as? [Any])?.count == 3)
        #expect((capped["violations_omitted"] as? Int ?? 0) > 0)
        let whole = try #require(try JSONSerialization.jsonObject(with: SPCJSON.encode(chart)) as? [String: Any])
        #expect((whole["beyond"] as? [Int])?.count == 20 && whole["beyond_omitted"] == nil)
    }
}
