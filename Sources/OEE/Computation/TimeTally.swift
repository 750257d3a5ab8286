/// Signed integer sums for one shift and product: times in nanoseconds, counts in parts.
/// Every field is a sum over pieces of time or counts, so tallies add and subtract exactly.
struct TimeTally: Equatable, Sendable {
    var plannedTime: Int64 = 0
    var runTime: Int64 = 0
    var smallStopTime: Int64 = 0
    var smallStopCount: Int64 = 0
    var setupTime: Int64 = 0
    var setupCount: Int64 = 0
    var noDataTime: Int64 = 0
    var failureTime: Int64 = 0
    var failureCount: Int64 = 0
    var good: Int64 = 0
    var reject: Int64 = 0
    /// Availability loss per reason; a reason whose sum returns to 0 is removed.
    var downtimeByReason: [String: Int64] = [:]
    /// Stops per reason (availability losses only, not small stops).
    var stopCountByReason: [String: Int64] = [:]

    var isZero: Bool {
        plannedTime == 0 && runTime == 0 && smallStopTime == 0 && smallStopCount == 0 && setupTime == 0
            && setupCount == 0 && noDataTime == 0 && failureTime == 0 && failureCount == 0 && good == 0 && reject == 0 && downtimeByReason.isEmpty
            && stopCountByReason.isEmpty
    }

    mutating func addDowntime(_ amount: Int64, reason: String) {
        let sum = downtimeByReason[reason, default: 0] + amount
        downtimeByReason[reason] = sum == 0 ? nil : sum
    }

    mutating func addStop(_ amount: Int64, reason: String) {
        let sum = stopCountByReason[reason, default: 0] + amount
        stopCountByReason[reason] = sum == 0 ? nil : sum
    }

    /// Adds `sign` times a piece of planned production time of class `timeClass`; `startsStop`
    /// when the piece is where its stop first costs planned time (the stop is counted there).
    mutating func add(piece length: Int64, as timeClass: TimeClass, startsStop: Bool, sign: Int64) {
        let amount = sign * length
        plannedTime += amount
        switch timeClass {
        case .run:
            runTime += amount
        case .smallStop:
            runTime += amount
            smallStopTime += amount
            if startsStop { smallStopCount += sign }
        case .stop(let reason, let isSetup, let isFailure):
            addDowntime(amount, reason: reason)
            if isSetup { setupTime += amount }
            if isFailure { failureTime += amount }
            if startsStop {
                addStop(sign, reason: reason)
                if isSetup { setupCount += sign }
                if isFailure { failureCount += sign }
            }
        case .noData:
            addDowntime(amount, reason: TimeClass.noDataReason)
            noDataTime += amount
        }
    }
}
