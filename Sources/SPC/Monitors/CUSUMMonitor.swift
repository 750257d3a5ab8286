/// A live tabular CUSUM with frozen μ₀ and σ (see `CUSUMChart`).
public struct CUSUMMonitor: Sendable, Codable {
    /// The outcome of one value.
    public struct Update: Sendable, Equatable {
        /// 0-based index of the value in the stream.
        public var index: Int
        /// C⁺ after this value.
        public var upper: Double
        /// C⁻ after this value.
        public var lower: Double
        /// C⁺ > H.
        public var upperSignal: Bool
        /// C⁻ > H.
        public var lowerSignal: Bool
    }

    private var accumulator: CUSUMAccumulator
    private var index = 0

    /// - Throws: `SPCError.invalidParameter` for k < 0, h ≤ 0, a head start outside [0, 1), a
    ///   non-finite μ₀ or σ ≤ 0.
    public init(center: Double, sigma: Double, k: Double, h: Double, headStart: Double = 0) throws(SPCError) {
        try KnownStandards(center: center, sigma: sigma).validate()
        try CUSUMChart.validate(k: k, h: h, headStart: headStart)
        accumulator = CUSUMAccumulator(center: center, sigma: sigma, k: k, h: h, headStart: headStart)
    }

    /// Feeds the next value.
    ///
    /// - Throws: `SPCError.nonFiniteValue` naming the row.
    public mutating func add(_ value: Double) throws(SPCError) -> Update {
        guard value.isFinite else { throw .nonFiniteValue(row: index) }
        let step = accumulator.add(value)
        defer { index += 1 }
        return Update(index: index, upper: step.upper, lower: step.lower, upperSignal: step.upperSignal, lowerSignal: step.lowerSignal)
    }
}
