/// What ``Historian/verify(directory:)`` checked and found.
public struct VerificationReport: Sendable {
    /// One line per file checked, e.g. `partitions/...part: 1000 chunks, index and checksums OK`.
    public var checked: [String] = []
    /// Faults: corruption or unreadable files. Empty when everything verified.
    public var faults: [String] = []
    /// Notes that are not faults, such as a torn WAL tail that the next open drops.
    public var notes: [String] = []
}
