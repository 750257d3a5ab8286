@testable import OEE

/// 2026-01-05T00:00:00Z in nanoseconds since the Unix epoch (a Monday).
let day0: Int64 = 1_767_571_200 * 1_000_000_000

func seconds(_ value: Int64) -> Int64 { value * 1_000_000_000 }
func minutes(_ value: Int64) -> Int64 { value * 60_000_000_000 }
func hours(_ value: Int64) -> Int64 { value * 3_600_000_000_000 }

/// A shift on day 0 from `startHour` for `lengthHours`, with breaks given as (minute offset, minutes).
func shift(
    _ name: String, startHour: Int64, lengthHours: Int64, breaks: [(Int64, Int64)] = []
) throws -> Shift {
    let start = day0 + hours(startHour)
    return try Shift(
        name: name, window: TimeWindow(start: start, end: start + hours(lengthHours)),
        breaks: breaks.map { TimeWindow(start: start + minutes($0.0), end: start + minutes($0.0 + $0.1)) })
}

func run(_ at: Int64) -> StateEvent { StateEvent(timestamp: at, state: .run) }
func down(_ at: Int64, _ reason: String = "BREAKDOWN") -> StateEvent {
    StateEvent(timestamp: at, state: .down, reason: reason)
}

/// Every result must account for all planned time: the four loss parts add up exactly.
func lossesAddUp(_ result: OEEResult) -> Bool {
    let losses = result.losses
    return losses.total == result.figures.plannedProductionTime
        && losses.availabilityByReason.values.reduce(0, +) == losses.availabilityTotal
        && losses.smallStops + losses.speedLoss == losses.performanceTotal
}

/// Whether two ratios agree to 6 significant digits (both nil also agrees).
func agree(_ actual: Double?, _ expected: Double?) -> Bool {
    switch (actual, expected) {
    case (nil, nil): true
    case (let actual?, let expected?): abs(actual - expected) <= 5e-7 * max(abs(expected), 1e-300)
    default: false
    }
}
