/// Where planned production time went, in nanoseconds. By construction
/// `availabilityTotal + performanceTotal + quality + fullyProductive == plannedProductionTime`
/// exactly, and `smallStops + speedLoss == performanceTotal`.
public struct LossBreakdown: Equatable, Sendable {
    /// Availability loss per reason code (including `NO_DATA` for time before the first state event).
    public let availabilityByReason: [String: Int64]
    /// Availability loss: planned production time minus run time.
    public let availabilityTotal: Int64
    /// Performance loss: run time minus ideal cycle time times all parts.
    public let performanceTotal: Int64
    /// Small stops: DOWN intervals shorter than the micro-stop threshold.
    public let smallStops: Int64
    /// Speed loss: performance loss minus small stops. Negative when parts came faster than the
    /// ideal cycle time allows, which means the ideal cycle time is set too high.
    public let speedLoss: Int64
    /// Quality loss: ideal cycle time times rejected parts.
    public let quality: Int64
    /// Fully productive time: ideal cycle time times good parts.
    public let fullyProductive: Int64

    /// The breakdown of `figures`.
    public init(figures: OEEFigures) {
        availabilityByReason = figures.downtimeByReason
        availabilityTotal = figures.availabilityLoss
        performanceTotal = figures.runTime - figures.idealTimeOfTotal
        smallStops = figures.smallStopTime
        speedLoss = performanceTotal - smallStops
        quality = figures.idealTimeOfReject
        fullyProductive = figures.idealTimeOfGood
    }

    /// Sum of the four top-level parts; equals the planned production time.
    public var total: Int64 { availabilityTotal + performanceTotal + quality + fullyProductive }
}
