import OEE

/// The `by=` of `/api/v1/oee`: what one row of the answer is.
enum OEEGrouping: String, Sendable, CaseIterable {
    /// One row per machine and shift, in time order (as `histd oee` prints one per shift).
    case shift
    /// Shifts of the same name summed across days ("all Night shifts").
    case shiftName = "shift_name"
    /// Shifts summed per day they start on, in the machine's time zone.
    case day
    /// Shifts summed per machine.
    case machine
    /// Machines summed per line.
    case line
    /// The downtime reasons of everything selected, ranked (Pareto).
    case reason

    /// The roll-up dimension of a grouping that sums records, nil for `shift` and `reason`.
    var dimension: OEERollup.Dimension? {
        switch self {
        case .shift, .reason: nil
        case .shiftName: .shift
        case .day: .day
        case .machine: .machine
        case .line: .tag("line")
        }
    }
}
