extension IndividualsMonitor {
    /// A phase II monitor with the limits frozen by an I-MR phase I analysis.
    ///
    /// - Throws: `SPCError.wrongChartType` when `analysis` is not an I-MR chart.
    public init(limitsOf analysis: ChartAnalysis, rules: RunRuleSet = .none) throws(SPCError) {
        guard analysis.type == .individuals else {
            throw .wrongChartType(expected: ChartType.individuals.rawValue, actual: analysis.type.rawValue)
        }
        try self.init(center: analysis.processCenter, sigma: analysis.sigma, rules: rules)
    }
}

extension SubgroupMonitor {
    /// A phase II monitor with the limits frozen by an X-bar/R or X-bar/S phase I analysis.
    ///
    /// - Throws: `SPCError.wrongChartType` when `analysis` is not a subgroup chart.
    public init(limitsOf analysis: ChartAnalysis, rules: RunRuleSet = .none) throws(SPCError) {
        guard analysis.type == .xbarR || analysis.type == .xbarS else {
            throw .wrongChartType(expected: "xbar-r or xbar-s", actual: analysis.type.rawValue)
        }
        try self.init(center: analysis.processCenter, sigma: analysis.sigma, usesRange: analysis.type == .xbarR, rules: rules)
    }
}

extension AttributeMonitor {
    /// A phase II monitor with the rate (and σ_z) frozen by a p, np, c, u, laney-p or laney-u phase I analysis.
    ///
    /// - Throws: `SPCError.wrongChartType` when `analysis` is not an attribute chart.
    public init(limitsOf analysis: ChartAnalysis, rules: RunRuleSet = .none) throws(SPCError) {
        try self.init(type: analysis.type, rate: analysis.processCenter, sigmaZ: analysis.laneySigmaZ ?? 1, rules: rules)
    }
}

extension RareEventMonitor {
    /// A phase II monitor with the limits frozen by a g or t phase I analysis.
    ///
    /// - Throws: `SPCError.wrongChartType` when `analysis` is neither a g nor a t chart.
    public init(limitsOf analysis: ChartAnalysis) throws(SPCError) {
        switch analysis.type {
        case .g: try self.init(unitsBetweenEventsMean: analysis.processCenter)
        case .t:
            try self.init(timeBetweenEventsMedian: analysis.processCenter, lower: analysis.primary.lower[0], upper: analysis.primary.upper[0])
        default: throw .wrongChartType(expected: "g or t", actual: analysis.type.rawValue)
        }
    }
}
