/// The variables of one point beyond a multivariate limit, largest contribution first.
public struct PointContributions: Sendable, Equatable {
    /// The 0-based point (row, or subgroup) beyond the limit.
    public var index: Int
    /// Every variable with its contribution, in decreasing order of contribution.
    public var variables: [VariableContribution]

    /// The contributions `terms` (one per variable, in the order of `names`) of point `index`,
    /// ranked; equal terms keep the variables' order.
    init(index: Int, names: [String], terms: [Double]) {
        self.index = index
        // Sorting column numbers, not the named pairs, keeps string copies out of the comparisons.
        let order = terms.indices.sorted { terms[$0] > terms[$1] || (terms[$0] == terms[$1] && $0 < $1) }
        variables = order.map { VariableContribution(variable: names[$0], value: terms[$0]) }
    }
}
