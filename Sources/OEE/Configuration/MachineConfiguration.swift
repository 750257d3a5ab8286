/// What the OEE calculation needs to know about one machine besides its events.
public struct MachineConfiguration: Sendable {
    /// Ideal (design) cycle time per part, nanoseconds, for products without their own.
    public var idealCycleTime: Int64
    /// Ideal cycle time per product, nanoseconds.
    public var idealCycleTimeByProduct: [String: Int64]
    /// A DOWN interval strictly shorter than this (nanoseconds, judged on its full length) is a
    /// small stop: it stays in run time and is part of the performance loss. 0 disables small stops.
    public var microStopThreshold: Int64
    /// Reason codes that are setup (changeover): always an availability loss, never a small stop,
    /// and ISO 22400-2 setup time.
    public var setupReasons: Set<String>
    /// Reason codes that are failures (ISO 22400-2 failure events: FE, MTBF, MTTR); nil counts
    /// every stop that is neither setup nor `NO_DATA` as a failure.
    public var failureReasons: Set<String>?
    /// Rollover modulus of PLC counters (for example 65536 for a 16-bit counter), nil if they never wrap.
    public var counterModulus: Int64?

    /// Creates a configuration from times in seconds.
    /// - Parameters:
    ///   - idealCycleSeconds: default ideal cycle time, seconds per part.
    ///   - idealCycleSecondsByProduct: ideal cycle time per product, seconds per part.
    ///   - microStopThresholdSeconds: small-stop threshold in seconds, 0 for none.
    ///   - setupReasons: reason codes counted as setup.
    ///   - failureReasons: reason codes counted as failures; nil for every stop that is not setup.
    ///   - counterModulus: rollover modulus of PLC counters.
    /// - Throws: ``OEEError/invalidIdealCycleTime(item:seconds:)``,
    ///   ``OEEError/invalidMicroStopThreshold(seconds:)``, ``OEEError/invalidCounterModulus(_:)``.
    public init(
        idealCycleSeconds: Double,
        idealCycleSecondsByProduct: [String: Double] = [:],
        microStopThresholdSeconds: Double = 0,
        setupReasons: Set<String> = [StateEvent.setupReason],
        failureReasons: Set<String>? = nil,
        counterModulus: Int64? = nil
    ) throws(OEEError) {
        self.idealCycleTime = try Self.nanoseconds(ofCycle: idealCycleSeconds, item: "ideal cycle time")
        var byProduct: [String: Int64] = [:]
        for (product, seconds) in idealCycleSecondsByProduct {
            byProduct[product] = try Self.nanoseconds(ofCycle: seconds, item: "product \(product)")
        }
        self.idealCycleTimeByProduct = byProduct
        guard microStopThresholdSeconds.isFinite, microStopThresholdSeconds >= 0,
            microStopThresholdSeconds < 1e9
        else { throw .invalidMicroStopThreshold(seconds: microStopThresholdSeconds) }
        self.microStopThreshold = Int64((microStopThresholdSeconds * 1e9).rounded())
        self.setupReasons = setupReasons
        self.failureReasons = failureReasons
        if let counterModulus, counterModulus <= 0 { throw .invalidCounterModulus(counterModulus) }
        self.counterModulus = counterModulus
    }

    /// The ideal cycle time of `product` in nanoseconds (the default when it has none).
    public func idealCycleTime(for product: String?) -> Int64 {
        product.flatMap { idealCycleTimeByProduct[$0] } ?? idealCycleTime
    }

    /// Whether a stop with `reason` is a failure: listed in ``failureReasons``, or, without that
    /// list, any reason that is not setup.
    public func isFailure(_ reason: String) -> Bool {
        guard !setupReasons.contains(reason) else { return false }
        return failureReasons?.contains(reason) ?? true
    }

    private static func nanoseconds(ofCycle seconds: Double, item: String) throws(OEEError) -> Int64 {
        guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw .invalidIdealCycleTime(item: item, seconds: seconds)
        }
        let nanoseconds = Int64((seconds * 1e9).rounded())
        guard nanoseconds > 0 else { throw .invalidIdealCycleTime(item: item, seconds: seconds) }
        return nanoseconds
    }
}
