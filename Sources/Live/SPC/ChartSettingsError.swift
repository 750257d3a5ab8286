/// A chart setting (an HTTP parameter or a key of a chart definition) that is missing, malformed or
/// does not fit the others.
public struct ChartSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's name as the API spells it (`type`, `subgroup_size`, `phase1.from`...).
    public let key: String
    /// What is wrong, naming `key`.
    public let message: String

    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
