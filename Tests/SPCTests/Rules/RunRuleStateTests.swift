import TestSupport
import Testing

@testable import SPC

/// Hand-built sequences on a chart with center 0 and σ 1 (zone boundaries are then exact integers).
@Suite struct RunRuleStateTests {
    let zones = ZoneBoundaries(center: 0, sigma: 1)

    func violations(_ values: [Double], _ rules: RunRuleSet) -> [RuleViolation] {
        RunRuleEvaluator.evaluate(values, zones: zones, rules: rules)
    }

    func fired(_ values: [Double], _ rule: RunRule) -> [Int] {
        violations(values, RunRuleSet(rule)).map(\.index)
    }

    @Test func beyondThreeSigmaIsStrict() {
        #expect(fired([0, 3, -3, 3.0001, -3.5], .we1) == [3, 4])
        #expect(fired([0, 3, -3, 3.0001, -3.5], .n1) == [3, 4])
        #expect(violations([4], RunRuleSet(.n1)) == [RuleViolation(rule: .n1, index: 0, points: [0])])
    }

    @Test func twoOfThreeBeyondTwoSigma() {
        // Fires at the second point beyond, which must itself be beyond; same side only.
        #expect(violations([2.5, 0, 2.1], .westernElectric) == [RuleViolation(rule: .we2, index: 2, points: [0, 2])])
        #expect(fired([0, 2.5, 2.1], .n5) == [2])
        #expect(fired([2.5, 2.1, 0], .n5) == [])
        // Exactly on 2σ is not beyond; opposite sides do not count.
        #expect(fired([2, 2.5, 0, 2], .n5) == [])
        #expect(fired([2.5, -2.5, 2.5], .n5) == [2])
        #expect(fired([2.5, -2.5, -1], .n5) == [])
        // The window must be complete: two points beyond at the very start do not fire.
        #expect(fired([2.5, 2.5], .n5) == [])
        #expect(fired([-2.5, -2.5, -2.5], .n5) == [2])
        #expect(violations([-2.5, -2.5, -2.5], RunRuleSet(.n5)).first?.points == [0, 1, 2])
    }

    @Test func fourOfFiveBeyondOneSigma() {
        #expect(violations([1.5, 1.5, 0, 1.5, 1.5], RunRuleSet(.we3)) == [RuleViolation(rule: .we3, index: 4, points: [0, 1, 3, 4])])
        #expect(fired([1.5, 1.5, 1.5, 1.5, 0], .n6) == [])
        #expect(fired([1, 1.5, 1.5, 1.5, 1.5], .n6) == [4])
        #expect(fired([-1.5, -1.5, -1.5, 1.5, -1.5], .n6) == [4])
        #expect(fired([1.5, 1.5, 1.5, 1.5], .n6) == [])
    }

    @Test func sameSideRuns() {
        let eight = [Double](repeating: 0.5, count: 8)
        #expect(fired(eight, .we4) == [7])
        #expect(violations(eight, RunRuleSet(.we4)).first?.points == Array(0...7))
        #expect(fired(eight, .n2) == [])
        let ten = [Double](repeating: -0.1, count: 10)
        // Every point whose 9-point window is a run fires.
        #expect(fired(ten, .n2) == [8, 9])
        // A point on the center line breaks the run.
        #expect(fired([0.5, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5], .we4) == [])
    }

    @Test func signedZerosAreOnTheCenterLine() {
        // -0.0 and +0.0 are both exactly on a center of 0 (or -0.0): no side, no run, no trend.
        let zeros: [Double] = [0, -0.0, 0, -0.0, 0, -0.0, 0, -0.0, 0, -0.0]
        let negativeZeroCenter = ZoneBoundaries(center: -0.0, sigma: 1)
        #expect(RunRuleEvaluator.evaluate(zeros, zones: negativeZeroCenter, rules: .nelson).isEmpty)
        #expect(RunRuleEvaluator.evaluate(zeros, zones: zones, rules: .westernElectric).isEmpty)
    }

    @Test func trendsOfSixPoints() {
        #expect(violations([1, 2, 3, 4, 5, 6], RunRuleSet(.n3)) == [RuleViolation(rule: .n3, index: 5, points: [0, 1, 2, 3, 4, 5])])
        #expect(fired([6, 5, 4, 3, 2, 1, 0], .n3) == [5, 6])
        // A tie breaks the trend.
        #expect(fired([1, 2, 3, 3, 4, 5, 6], .n3) == [])
        #expect(fired([1, 2, 3, 4, 5], .n3) == [])
    }

    @Test func alternationOfFourteenPoints() {
        let alternating = (0..<14).map { $0 % 2 == 0 ? 0.2 : -0.2 }
        #expect(violations(alternating, RunRuleSet(.n4)) == [RuleViolation(rule: .n4, index: 13, points: Array(0...13))])
        #expect(fired(Array(alternating.prefix(13)), .n4) == [])
        var tied = alternating
        tied[7] = tied[6]
        #expect(fired(tied, .n4) == [])
        #expect(fired(alternating + [0.2], .n4) == [13, 14])
    }

    @Test func fifteenWithinOneSigma() {
        // |z| ≤ 1 counts as inside, including exactly ±1.
        let inside = (0..<15).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        #expect(fired(inside, .n7) == [14])
        #expect(fired(Array(inside.prefix(14)), .n7) == [])
        var broken = inside
        broken[7] = 1.01
        #expect(fired(broken, .n7) == [])
    }

    @Test func eightOutsideOneSigmaOnEitherSide() {
        let outside: [Double] = [1.5, -1.5, 2, -2, 1.1, -1.1, 2.5, -2.5]
        #expect(violations(outside, RunRuleSet(.n8)) == [RuleViolation(rule: .n8, index: 7, points: Array(0...7))])
        var onBoundary = outside
        onBoundary[3] = -1
        #expect(fired(onBoundary, .n8) == [])
    }

    @Test func everyRuleThatFiresIsReported() {
        // Nine points at 2.5: N2 (from the 9th), N5 (from the 3rd), N6 (from the 5th), N8 (from the 8th).
        let values = [Double](repeating: 2.5, count: 9)
        let found = violations(values, .nelson).filter { $0.index == 8 }.map(\.rule)
        #expect(found == [.n2, .n5, .n6, .n8])
        let western = violations(values, .westernElectric).filter { $0.index == 8 }.map(\.rule)
        #expect(western == [.we2, .we3, .we4])
    }

    @Test func streamingEqualsBatchAndBruteForce() {
        // Values on a lattice of half sigmas hit every boundary and every tie.
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let count = Int(generator.next() % 60) + 1
            let values = (0..<count).map { _ in Double(Int(generator.next() % 15) - 7) * 0.5 }
            for rules in [RunRuleSet.nelson, .westernElectric] {
                let batch = violations(values, rules)
                var state = RunRuleState(rules: rules)
                var streamed: [RuleViolation] = []
                for value in values { state.evaluate(value, zones: zones, into: &streamed) }
                #expect(batch == streamed)
                #expect(batch == ReferenceRules.violations(values, rules: rules))
            }
        }
    }
}
