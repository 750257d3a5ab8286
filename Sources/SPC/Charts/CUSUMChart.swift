/// Tabular (algorithmic) CUSUM of individual values, upper and lower sums, optional fast initial
/// response (FIR) head start.
///
/// K = kσ, H = hσ; C⁺ᵢ = max(0, xᵢ − (μ₀ + K) + C⁺ᵢ₋₁), C⁻ᵢ = max(0, (μ₀ − K) − xᵢ + C⁻ᵢ₋₁),
/// C⁺₀ = C⁻₀ = head start × H; a side signals at every point where its sum strictly exceeds H; the
/// sums are not reset after a signal (Montgomery, Introduction to Statistical Quality Control,
/// 7th ed., §9.1.2, §9.1.3 for k and h, §9.1.7 for FIR; Lucas & Crosier, Technometrics
/// 24(3), 1982).
public struct CUSUMChart: Sendable, Equatable {
    /// Target μ₀.
    public var center: Double
    /// Process standard deviation σ.
    public var sigma: Double
    /// How σ was obtained.
    public var sigmaMethod: SigmaMethod
    /// Reference value k in σ units.
    public var k: Double
    /// Decision interval h in σ units.
    public var h: Double
    /// FIR head start as a fraction of H.
    public var headStart: Double
    /// Reference value K = kσ in data units.
    public var referenceValue: Double
    /// Decision interval H = hσ in data units.
    public var decisionInterval: Double
    /// The observations.
    public var statistics: [Double]
    /// C⁺ per row.
    public var upper: [Double]
    /// C⁻ per row (non-negative, as Montgomery tabulates it).
    public var lower: [Double]
    /// Rows where C⁺ > H.
    public var upperSignals: [Int]
    /// Rows where C⁻ > H.
    public var lowerSignals: [Int]
    /// The rows that estimated μ₀ and σ.
    public var phaseOne: Range<Int>

    /// Rows where either side signals, ascending.
    public var signals: [Int] { Array(Set(upperSignals + lowerSignals)).sorted() }

    /// A tabular CUSUM.
    ///
    /// - Parameters:
    ///   - values: one observation per row.
    ///   - k: reference value in σ units (k ≥ 0), often 0.5.
    ///   - h: decision interval in σ units (h > 0), often 4 or 5.
    ///   - headStart: FIR head start as a fraction of H, in [0, 1); 0.5 is the usual FIR.
    ///   - options: phase I, standards (μ₀, σ), sigma method (mr or sd).
    /// - Throws: `SPCError` naming the row or parameter at fault.
    public init(_ values: [Double], k: Double, h: Double, headStart: Double = 0, options: ChartOptions = ChartOptions()) throws(SPCError) {
        try Self.validate(k: k, h: h, headStart: headStart)
        let estimate = try SmoothedChartEstimate(values, options: options)
        var accumulator = CUSUMAccumulator(
            center: estimate.parameters.center, sigma: estimate.parameters.sigma, k: k, h: h, headStart: headStart)
        var upper: [Double] = []
        var lower: [Double] = []
        var upperSignals: [Int] = []
        var lowerSignals: [Int] = []
        upper.reserveCapacity(values.count)
        lower.reserveCapacity(values.count)
        for (row, value) in values.enumerated() {
            let step = accumulator.add(value)
            upper.append(step.upper)
            lower.append(step.lower)
            if step.upperSignal { upperSignals.append(row) }
            if step.lowerSignal { lowerSignals.append(row) }
        }
        self.k = k
        self.h = h
        self.headStart = headStart
        self.center = estimate.parameters.center
        self.sigma = estimate.parameters.sigma
        self.sigmaMethod = estimate.method
        self.referenceValue = accumulator.referenceValue
        self.decisionInterval = accumulator.decisionInterval
        self.statistics = values
        self.upper = upper
        self.lower = lower
        self.upperSignals = upperSignals
        self.lowerSignals = lowerSignals
        self.phaseOne = estimate.window
    }
}

extension CUSUMChart {
    static func validate(k: Double, h: Double, headStart: Double) throws(SPCError) {
        guard k >= 0, k.isFinite else { throw .invalidParameter(name: "k", value: k, reason: "must be a non-negative finite number") }
        guard h > 0, h.isFinite else { throw .invalidParameter(name: "h", value: h, reason: "must be a positive finite number") }
        guard headStart >= 0, headStart < 1 else {
            throw .invalidParameter(name: "head-start", value: headStart, reason: "must be in [0, 1) as a fraction of H")
        }
    }
}

/// The two CUSUM sums, advanced one observation at a time (shared by the chart and the monitor).
struct CUSUMAccumulator: Sendable, Codable {
    let center: Double
    let referenceValue: Double
    let decisionInterval: Double
    private(set) var upper: Double
    private(set) var lower: Double

    struct Step: Sendable, Equatable {
        var upper: Double
        var lower: Double
        var upperSignal: Bool
        var lowerSignal: Bool
    }

    init(center: Double, sigma: Double, k: Double, h: Double, headStart: Double) {
        self.center = center
        self.referenceValue = k * sigma
        self.decisionInterval = h * sigma
        self.upper = headStart * h * sigma
        self.lower = headStart * h * sigma
    }

    mutating func add(_ value: Double) -> Step {
        upper = max(0, value - (center + referenceValue) + upper)
        lower = max(0, (center - referenceValue) - value + lower)
        return Step(upper: upper, lower: lower, upperSignal: upper > decisionInterval, lowerSignal: lower > decisionInterval)
    }
}
