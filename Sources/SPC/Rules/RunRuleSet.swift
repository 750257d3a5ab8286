/// A set of run rules to evaluate on a chart.
public struct RunRuleSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The set that holds exactly `rule`.
    public init(_ rule: RunRule) {
        self.init(rawValue: 1 << rule.bitPosition)
    }

    /// No rule.
    public static let none: RunRuleSet = []
    /// Western Electric rules 1 to 4.
    public static let westernElectric: RunRuleSet = [.init(.we1), .init(.we2), .init(.we3), .init(.we4)]
    /// Nelson rules 1 to 8.
    public static let nelson: RunRuleSet = [
        .init(.n1), .init(.n2), .init(.n3), .init(.n4), .init(.n5), .init(.n6), .init(.n7), .init(.n8),
    ]

    /// The rules that Minitab applies to R, S and moving-range charts: the first four of each family.
    var dispersionChartSubset: RunRuleSet {
        intersection([.init(.we1), .init(.we2), .init(.we3), .init(.we4), .init(.n1), .init(.n2), .init(.n3), .init(.n4)])
    }

    /// Whether `rule` is in the set.
    public func contains(_ rule: RunRule) -> Bool {
        contains(RunRuleSet(rule))
    }

    /// The rules of the set, in the order of `RunRule.allCases`.
    public var rules: [RunRule] {
        RunRule.allCases.filter { contains($0) }
    }
}

extension RunRule {
    /// The bit of the rule in `RunRuleSet`.
    var bitPosition: UInt16 {
        switch self {
        case .we1: 0
        case .we2: 1
        case .we3: 2
        case .we4: 3
        case .n1: 4
        case .n2: 5
        case .n3: 6
        case .n4: 7
        case .n5: 8
        case .n6: 9
        case .n7: 10
        case .n8: 11
        }
    }
}
