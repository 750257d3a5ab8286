/// Checks subgroups and hands out the control chart constants of their sizes, computing each size's
/// constants once (d2 and d3 come from numerical integration, so they are worth keeping).
struct SubgroupConstants: Sendable, Codable {
    private var bySize: [Int: ControlChartConstants] = [:]

    /// The constants for `subgroup`, after checking that it has at least two values, all finite, and
    /// (when ranges are used) no more than the range constants cover.
    /// - Throws: `SPCError` naming `row`.
    mutating func constants(for subgroup: [Double], row: Int, usesRange: Bool) throws(SPCError) -> ControlChartConstants {
        guard subgroup.count >= 2 else { throw .subgroupTooSmall(row: row, size: subgroup.count, minimum: 2) }
        if usesRange, subgroup.count > ControlChartConstants.maximumRangeSubgroupSize {
            throw .subgroupTooLarge(row: row, size: subgroup.count, maximum: ControlChartConstants.maximumRangeSubgroupSize)
        }
        guard subgroup.allSatisfy(\.isFinite) else { throw .nonFiniteValue(row: row) }
        if let known = bySize[subgroup.count] { return known }
        let constants = try ControlChartConstants(n: subgroup.count)
        bySize[subgroup.count] = constants
        return constants
    }
}
