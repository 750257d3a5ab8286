/// A set of run rules to evaluate on a chart.
public struct RunRuleSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The set that holds exactly `rule`.
    public init(_ rule: RunRule) {
        let position = RunRule.allCases.firstIndex(of: rule) ?? 0
        self.init(rawValue: 1 << UInt16(position))
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
