/// The quality of a sample, after OPC UA Part 4 section 7.39 (StatusCode severity: Good, Uncertain, Bad).
public enum Quality: UInt8, Sendable, CaseIterable {
    case good = 0
    case uncertain = 1
    case bad = 2
}

extension Quality {
    /// `good`, `uncertain` or `bad`, as queries print it (a switch: interpolating the enum goes
    /// through reflection, which dominated the CPU of large raw queries).
    public var name: String {
        switch self {
        case .good: "good"
        case .uncertain: "uncertain"
        case .bad: "bad"
        }
    }
}
