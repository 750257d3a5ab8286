@testable import SPC

/// A direct, window-by-window reading of the rule definitions (center 0, σ 1), independent of the
/// O(1) state machine, to check it against.
enum ReferenceRules {
    static func violations(_ values: [Double], rules: RunRuleSet) -> [RuleViolation] {
        var found: [RuleViolation] = []
        for index in values.indices {
            for rule in rules.rules {
                if let points = check(rule, values, index) {
                    found.append(RuleViolation(rule: rule, index: index, points: points))
                }
            }
        }
        return found
    }

    static func window(_ index: Int, _ length: Int) -> [Int]? {
        index + 1 >= length ? Array((index - length + 1)...index) : nil
    }

    static func kOfM(_ values: [Double], _ index: Int, k: Int, m: Int, beyond: Double) -> [Int]? {
        guard let window = window(index, m) else { return nil }
        for sign in [1.0, -1.0] {
            let hits = window.filter { sign * values[$0] > beyond }
            if sign * values[index] > beyond, hits.count >= k { return hits }
        }
        return nil
    }

    static func run(_ values: [Double], _ index: Int, _ length: Int, _ holds: (Double) -> Bool) -> [Int]? {
        guard let window = window(index, length), window.allSatisfy({ holds(values[$0]) }) else { return nil }
        return window
    }

    static func check(_ rule: RunRule, _ values: [Double], _ index: Int) -> [Int]? {
        switch rule {
        case .we1, .n1:
            return abs(values[index]) > 3 ? [index] : nil
        case .we2, .n5:
            return kOfM(values, index, k: 2, m: 3, beyond: 2)
        case .we3, .n6:
            return kOfM(values, index, k: 4, m: 5, beyond: 1)
        case .we4:
            return run(values, index, 8) { $0 > 0 } ?? run(values, index, 8) { $0 < 0 }
        case .n2:
            return run(values, index, 9) { $0 > 0 } ?? run(values, index, 9) { $0 < 0 }
        case .n3:
            guard let window = window(index, 6) else { return nil }
            let steps = zip(window.dropFirst(), window).map { values[$0] - values[$1] }
            return steps.allSatisfy({ $0 > 0 }) || steps.allSatisfy({ $0 < 0 }) ? window : nil
        case .n4:
            guard let window = window(index, 14) else { return nil }
            let steps = zip(window.dropFirst(), window).map { values[$0] - values[$1] }
            let alternates = !steps.contains(0) && zip(steps.dropFirst(), steps).allSatisfy { ($0 > 0) != ($1 > 0) }
            return alternates ? window : nil
        case .n7:
            return run(values, index, 15) { abs($0) <= 1 }
        case .n8:
            return run(values, index, 8) { abs($0) > 1 }
        }
    }
}
