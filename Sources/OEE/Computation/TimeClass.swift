/// How a piece of planned production time counts, decided per state interval.
enum TimeClass: Equatable, Sendable {
    /// Running: run time.
    case run
    /// A DOWN interval shorter than the micro-stop threshold: run time and small-stop loss.
    case smallStop
    /// An availability loss with its reason; `isSetup` for setup reasons, `isFailure` for the
    /// reasons that count as failures (ISO 22400-2 FE, MTBF, MTTR).
    case stop(reason: String, isSetup: Bool, isFailure: Bool)
    /// Before the first state event or in a stale stretch: no state known, an availability loss
    /// under ``noDataReason``.
    case noData

    /// Reason under which time without any state event is an availability loss.
    static let noDataReason = "NO_DATA"

    /// Classifies an interval. A stop is small when it is closed and its full, unclipped length is
    /// strictly below the threshold; an open stop (no later event yet) is never small. Setup is never small.
    init(_ interval: StateInterval, configuration: MachineConfiguration) {
        switch interval.activity {
        case nil, .unknown?:
            self = .noData
        case .run:
            self = .run
        case .stopped(let reason):
            let isSetup = configuration.setupReasons.contains(reason)
            let length = interval.end.subtractingReportingOverflow(interval.start)
            if !isSetup, !interval.isOpen, !length.overflow, length.partialValue < configuration.microStopThreshold {
                self = .smallStop
            } else {
                self = .stop(reason: reason, isSetup: isSetup, isFailure: configuration.isFailure(reason))
            }
        }
    }
}
