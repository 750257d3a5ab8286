/// The streaming state of the run rules of one chart: O(1) memory whatever the rule set.
///
/// Feed the points in order; each call reports the violations that this point completes, which are
/// exactly those that the batch `RunRuleEvaluator` reports at the same index (the batch evaluator is
/// this state fed in a loop). The conventions are those of `RunRule`.
public struct RunRuleState: Sendable, Codable {
    /// The rules evaluated.
    public let rules: RunRuleSet
    /// The index that the next point will get.
    public private(set) var nextIndex: Int

    private var pointCount = 0
    /// The previous point (unused before the first).
    private var previous = 0.0
    private var aboveRun = 0
    private var belowRun = 0
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

    /// Feeds every value of `values` with the same zones: the batch hot loop.
    mutating func evaluate(_ values: UnsafeBufferPointer<Double>, zones: ZoneBoundaries, into violations: inout [RuleViolation]) {
        // A local copy lets the optimizer keep the counters in registers across the loop.
        var state = self
        for value in values where state.update(value, zones: zones) {
            state.report(value, zones: zones, into: &violations)
        }
        self = state
    }

    /// Updates the counters and says whether any pattern may be complete (the slow path then checks).
    ///
    /// Written without data-dependent branches: on in-control data the comparisons are coin flips,
    /// and mispredicted branches would cost more than the arithmetic.
    @inline(__always)
    mutating func update(_ value: Double, zones: ZoneBoundaries) -> Bool {
        // +0.0 turns -0.0 into +0.0, so that the sign-bit comparisons below agree with IEEE `>`.
        let value = value + 0.0
        let above1 = Self.exceeds(value, zones.upper1)
        let below1 = Self.exceeds(zones.lower1, value)
        let above2 = Self.exceeds(value, zones.upper2)
        let below2 = Self.exceeds(zones.lower2, value)
        let beyond3 = Self.exceeds(value, zones.upper3) | Self.exceeds(zones.lower3, value)
        aboveRun = (aboveRun &+ 1) & (0 &- Self.exceeds(value, zones.center))
        belowRun = (belowRun &+ 1) & (0 &- Self.exceeds(zones.center, value))
        let last = pointCount == 0 ? value : previous
        let rising = Self.exceeds(value, last)
        let falling = Self.exceeds(last, value)
        increasingSteps = (increasingSteps &+ 1) & (0 &- rising)
        decreasingSteps = (decreasingSteps &+ 1) & (0 &- falling)
        let stepSign = rising &- falling
        let moved = rising | falling
        // A step continues the alternation when it has the sign opposite to the previous one.
        let flips = (0 &- Self.isZero(stepSign &+ lastStepSign)) & (0 &- moved)
        alternatingSteps = ((alternatingSteps &+ 1) & flips) | (moved & ~flips)
        lastStepSign = stepSign
        previous = value
        pointCount &+= 1
        let outside1 = 0 &- (above1 | below1)
        insideOneSigmaRun = (insideOneSigmaRun &+ 1) & ~outside1
        outsideOneSigmaRun = (outsideOneSigmaRun &+ 1) & outside1
        aboveTwoSigma = (aboveTwoSigma &<< 1) | UInt32(truncatingIfNeeded: above2)
        belowTwoSigma = (belowTwoSigma &<< 1) | UInt32(truncatingIfNeeded: below2)
        aboveOneSigma = (aboveOneSigma &<< 1) | UInt32(truncatingIfNeeded: above1)
        belowOneSigma = (belowOneSigma &<< 1) | UInt32(truncatingIfNeeded: below1)
        nextIndex &+= 1
        // Every run threshold shifted to 8: same side 8, outside 8, inside 15, trend 5 steps, alternation 13.
        let longestRun = max(
            max(aboveRun, belowRun), max(outsideOneSigmaRun, insideOneSigmaRun &- 7),
            max(max(increasingSteps, decreasingSteps) &+ 3, alternatingSteps &- 5))
        let patterns =
            UInt32(truncatingIfNeeded: beyond3)
            | Self.atLeastTwo(aboveTwoSigma & 0b111) | Self.atLeastTwo(belowTwoSigma & 0b111)
            | Self.atLeastFour(aboveOneSigma & 0b11111) | Self.atLeastFour(belowOneSigma & 0b11111)
        return longestRun >= 8 || patterns != 0
    }

    /// 1 when a > b, else 0, for finite a and b without -0.0 (the caller normalizes): the sign bit
    /// of b − a, computed without a branch. b − a is never -0.0 for such operands, and it is
    /// negative exactly when a > b (a − b = 0 only when a = b under gradual underflow).
    @inline(__always)
    private static func exceeds(_ a: Double, _ b: Double) -> Int {
        Int(truncatingIfNeeded: (b - a).bitPattern &>> 63)
    }

    /// 1 when x = 0, else 0, without a branch.
    @inline(__always)
    private static func isZero(_ x: Int) -> Int {
        // (x | -x) has its sign bit set exactly when x ≠ 0.
        1 &- Int(truncatingIfNeeded: UInt(bitPattern: x | (0 &- x)) &>> 63)
    }

    /// Nonzero when `mask` has at least two bits set (clearing the lowest set bit leaves some).
    private static func atLeastTwo(_ mask: UInt32) -> UInt32 {
        mask & (mask &- 1)
    }

    /// Nonzero when `mask` has at least four bits set.
    private static func atLeastFour(_ mask: UInt32) -> UInt32 {
        let three = atLeastTwo(atLeastTwo(mask))
        return three & (three &- 1)
    }

    /// Checks every selected rule for the point just fed (index `nextIndex - 1`).
    func report(_ value: Double, zones: ZoneBoundaries, into violations: inout [RuleViolation]) {
        let index = nextIndex - 1
        let beyondThree = value > zones.upper3 || value < zones.lower3
        let twoOfThree = kOfM(above: aboveTwoSigma, below: belowTwoSigma, k: 2, m: 3)
        let fourOfFive = kOfM(above: aboveOneSigma, below: belowOneSigma, k: 4, m: 5)
        let sameSide = max(aboveRun, belowRun)
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
