/// The additive quantities behind an OEE result: times in nanoseconds, counts in parts.
///
/// Figures of shifts, machines or products add with `+`; every ratio is computed from the sums
/// (``OEEResult``), so a line's OEE comes from its summed times and counts, never from averaged
/// percentages.
public struct OEEFigures: Equatable, Sendable {
    /// Planned production time (ISO 22400-2 planned busy time, PBT): shift time minus planned breaks.
    public var plannedProductionTime: Int64 = 0
    /// Run time (ISO 22400-2 actual production time, APT): planned time in RUN or in small stops.
    public var runTime: Int64 = 0
    /// Part of ``runTime`` spent in small stops (DOWN intervals shorter than the threshold).
    public var smallStopTime: Int64 = 0
    /// Number of small stops.
    public var smallStopCount: Int64 = 0
    /// Part of the availability loss with a setup reason (ISO 22400-2 actual setup time, ASUT).
    public var setupTime: Int64 = 0
    /// Number of setups.
    public var setupCount: Int64 = 0
    /// Part of the availability loss without a known state (reason `NO_DATA`): before the first
    /// state event and in stale stretches.
    public var noDataTime: Int64 = 0
    /// Part of the availability loss in stops with a failure reason
    /// (``MachineConfiguration/isFailure(_:)``): ISO 22400-2 failure time, behind MTTR.
    public var failureTime: Int64 = 0
    /// Number of stops with a failure reason (ISO 22400-2 failure events, FE).
    public var failureCount: Int64 = 0
    /// Availability loss per reason code; the values add up to `plannedProductionTime - runTime`.
    public var downtimeByReason: [String: Int64] = [:]
    /// Stops (availability losses, not small stops) per reason code.
    public var stopCountByReason: [String: Int64] = [:]
    /// Good parts (ISO 22400-2 good quantity, GQ).
    public var good: Int64 = 0
    /// Rejected parts (ISO 22400-2 scrap quantity, SQ).
    public var reject: Int64 = 0
    /// Ideal cycle time times good parts, summed per product.
    public var idealTimeOfGood: Int64 = 0
    /// Ideal cycle time times rejected parts, summed per product.
    public var idealTimeOfReject: Int64 = 0
    /// Calendar time TEEP is measured against (0 when not meaningful, for example per product).
    public var calendarTime: Int64 = 0

    /// Zero figures.
    public init() {}

    /// Parts made (ISO 22400-2 produced quantity, PQ): good plus rejected.
    public var total: Int64 { good + reject }
    /// Ideal cycle time times all parts (ISO 22400-2 PRI x PQ).
    public var idealTimeOfTotal: Int64 { idealTimeOfGood + idealTimeOfReject }
    /// Availability loss: planned production time minus run time.
    public var availabilityLoss: Int64 { plannedProductionTime - runTime }

    /// Sums two sets of figures field by field.
    public static func + (left: OEEFigures, right: OEEFigures) -> OEEFigures {
        var sum = left
        sum += right
        return sum
    }

    /// Adds `right` field by field.
    public static func += (left: inout OEEFigures, right: OEEFigures) {
        left.plannedProductionTime += right.plannedProductionTime
        left.runTime += right.runTime
        left.smallStopTime += right.smallStopTime
        left.smallStopCount += right.smallStopCount
        left.setupTime += right.setupTime
        left.setupCount += right.setupCount
        left.noDataTime += right.noDataTime
        left.failureTime += right.failureTime
        left.failureCount += right.failureCount
        left.downtimeByReason.merge(right.downtimeByReason, uniquingKeysWith: +)
        left.stopCountByReason.merge(right.stopCountByReason, uniquingKeysWith: +)
        left.good += right.good
        left.reject += right.reject
        left.idealTimeOfGood += right.idealTimeOfGood
        left.idealTimeOfReject += right.idealTimeOfReject
        left.calendarTime += right.calendarTime
    }
}
