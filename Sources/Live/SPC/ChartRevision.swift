/// One revision of a chart: its definition and frozen limits, who made it, when and why. Every
/// change makes a new revision; old ones stay readable.
public struct ChartRevision: Sendable, Equatable, Codable, DefinitionRevision {
    /// The chart's id.
    public var chart: Int64
    /// From 1.
    public var revision: Int
    public var definition: ChartDefinition
    public var limits: FrozenLimits
    /// The token's name, or `anonymous` without tokens.
    public var author: String
    /// When (ns).
    public var at: Int64
    /// Why, as the author said.
    public var reason: String?
    /// True for the revision that deleted the chart (its definition is the last one's).
    public var deleted: Bool
}
