/// The quality of a sample, after OPC UA Part 4 section 7.39 (StatusCode severity: Good, Uncertain, Bad).
public enum Quality: UInt8, Sendable, CaseIterable {
    case good = 0
    case uncertain = 1
    case bad = 2
}
