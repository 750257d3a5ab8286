/// The streaming state of the run rules of one chart: O(1) memory whatever the rule set.
///
/// Feed the points in order; each call reports the violations that this point completes, which are
/// exactly those that the batch `RunRuleEvaluator` reports at the same index (the batch evaluator is
/// this state fed in a loop). The conventions are those of `RunRule`.
public struct RunRuleState: Sendable {
    /// The rules evaluated.
    public let rules: RunRuleSet
    /// The index that the next point will get.
    public private(set) var nextIndex: Int

    private var pointCount = 0
    private var previous = 0.0
    /// Length of the current run on one side: positive above the center, negative below.
    private var sideRun = 0
    private var increasingSteps = 0
    private var decreasingSteps = 0
    private var alternatingSteps = 0
    private var lastStepSign = 0
    private var insideOneSigmaRun = 0
    private var outsideOneSigmaRun = 0
    /// Shift registers: bit j is set when the point j places back was beyond the boundary.
    private var aboveTwoSigma: UInt32 = 0
    private var belowTwoSigma: UInt32 = 0
    private var aboveOneSigma: UInt32 = 0
    private var belowOneSigma: UInt32 = 0

    /// A fresh state whose first point gets index `firstIndex`.
    public init(rules: RunRuleSet, firstIndex: Int = 0) {
        self.rules = rules
        self.nextIndex = firstIndex
    }

    /// Feeds the next point and appends to `violations` every rule that it completes, in the order of
    /// `RunRule.allCases`.
    ///
    /// - Parameters:
    ///   - value: the plotted statistic of this point (finite).
    ///   - zones: the zone boundaries of this point.
    ///   - violations: receives the violations completed by this point.
    public mutating func evaluate(_ value: Double, zones: ZoneBoundaries, into violations: inout [RuleViolation]) {
        if update(value, zones: zones) {
            report(value, zones: zones, into: &violations)
        }
    }

    /// Updates the counters and says whether any pattern may be complete (the slow path then checks).
    mutating func update(_ value: Double, zones: ZoneBoundaries) -> Bool {
        let above1 = value > zones.upper1
        let below1 = value < zones.lower1
        let above2 = value > zones.upper2
        let below2 = value < zones.lower2
        if value > zones.center {
            sideRun = sideRun > 0 ? sideRun &+ 1 : 1
        } else if value < zones.center {
            sideRun = sideRun < 0 ? sideRun &- 1 : -1
        } else {
            sideRun = 0
        }
        if pointCount > 0 {
            if value > previous {
                increasingSteps &+= 1
                decreasingSteps = 0
                alternatingSteps = lastStepSign < 0 ? alternatingSteps &+ 1 : 1
                lastStepSign = 1
            } else if value < previous {
                decreasingSteps &+= 1
                increasingSteps = 0
                alternatingSteps = lastStepSign > 0 ? alternatingSteps &+ 1 : 1
                lastStepSign = -1
            } else {
                increasingSteps = 0
                decreasingSteps = 0
                alternatingSteps = 0
                lastStepSign = 0
            }
        }
        previous = value
        pointCount &+= 1
        let outside1 = above1 || below1
        insideOneSigmaRun = outside1 ? 0 : insideOneSigmaRun &+ 1
        outsideOneSigmaRun = outside1 ? outsideOneSigmaRun &+ 1 : 0
        aboveTwoSigma = (aboveTwoSigma &<< 1) | (above2 ? 1 : 0)
        belowTwoSigma = (belowTwoSigma &<< 1) | (below2 ? 1 : 0)
        aboveOneSigma = (aboveOneSigma &<< 1) | (above1 ? 1 : 0)
        belowOneSigma = (belowOneSigma &<< 1) | (below1 ? 1 : 0)
        nextIndex &+= 1
        return value > zones.upper3 || value < zones.lower3
            || sideRun >= 8 || sideRun <= -8
            || increasingSteps >= 5 || decreasingSteps >= 5 || alternatingSteps >= 13
            || insideOneSigmaRun >= 15 || outsideOneSigmaRun >= 8
            || (aboveTwoSigma & 0b111).nonzeroBitCount >= 2 || (belowTwoSigma & 0b111).nonzeroBitCount >= 2
            || (aboveOneSigma & 0b11111).nonzeroBitCount >= 4 || (belowOneSigma & 0b11111).nonzeroBitCount >= 4
    }

    /// Checks every selected rule for the point just fed (index `nextIndex - 1`).
    func report(_ value: Double, zones: ZoneBoundaries, into violations: inout [RuleViolation]) {
        let index = nextIndex - 1
        let beyondThree = value > zones.upper3 || value < zones.lower3
        let twoOfThree = kOfM(above: aboveTwoSigma, below: belowTwoSigma, k: 2, m: 3)
        let fourOfFive = kOfM(above: aboveOneSigma, below: belowOneSigma, k: 4, m: 5)
        let sameSide = abs(sideRun)
        let trend = max(increasingSteps, decreasingSteps) >= 5
        // allCases is a static array: iterating it allocates nothing on this path.
        for rule in RunRule.allCases where rules.contains(rule) {
            let points: [Int]?
            switch rule {
            case .we1, .n1:
                points = beyondThree ? [index] : nil
            case .we2, .n5:
                points = twoOfThree
            case .we3, .n6:
                points = fourOfFive
            case .we4:
                points = sameSide >= 8 ? run(ending: index, length: 8) : nil
            case .n2:
                points = sameSide >= 9 ? run(ending: index, length: 9) : nil
            case .n3:
                points = trend ? run(ending: index, length: 6) : nil
            case .n4:
                points = alternatingSteps >= 13 ? run(ending: index, length: 14) : nil
            case .n7:
                points = insideOneSigmaRun >= 15 ? run(ending: index, length: 15) : nil
            case .n8:
                points = outsideOneSigmaRun >= 8 ? run(ending: index, length: 8) : nil
            }
            if let points {
                violations.append(RuleViolation(rule: rule, index: index, points: points))
            }
        }
    }

    private func run(ending index: Int, length: Int) -> [Int] {
        Array((index - length + 1)...index)
    }

    /// The points beyond on the side of the current point when at least `k` of the last `m` are
    /// beyond on that side, the current point among them, and `m` points have been seen.
    private func kOfM(above: UInt32, below: UInt32, k: Int, m: Int) -> [Int]? {
        guard pointCount >= m else { return nil }
        let window: UInt32 = (1 << UInt32(m)) - 1
        let mask: UInt32
        if above & 1 == 1, (above & window).nonzeroBitCount >= k {
            mask = above & window
        } else if below & 1 == 1, (below & window).nonzeroBitCount >= k {
            mask = below & window
        } else {
            return nil
        }
        let index = nextIndex - 1
        return (0..<m).reversed().compactMap { back in mask & (1 << UInt32(back)) != 0 ? index - back : nil }
    }
}
