/// A capability study kept up to date one value or one subgroup at a time, in O(1) memory.
///
/// Mean and Σ(xᵢ − x̄)² follow Welford's update (Welford, Technometrics 4(3), 1962; Knuth TAOCP
/// vol. 2, §4.2.2) on the values shifted by the first one, which keeps full precision when the mean
/// is large against the spread (a 74 mm ring measured to 0.01 mm); the within sigma keeps the running sum of the moving ranges, or of Rᵢ/d2(nᵢ) or
/// sᵢ/c4(nᵢ). The indices equal those of `CapabilityStudy` on the same data to about 1e-12 relative.
/// The normality test needs the whole sample and is not available here (`normality` is nil).
public struct CapabilityAccumulator: Sendable {
    /// The specification the observed PPM are counted against.
    public let specification: SpecificationLimits
    /// mr for individual values (`add(_:)`), rbar or sbar for subgroups (`add(subgroup:)`).
    public let sigmaMethod: SigmaMethod

    private var moments = CapabilityMoments()
    /// The first value: Welford runs on xᵢ − shift.
    private var shift: Double?
    private var previous: Double?
    private var withinSum = 0.0
    private var withinCount = 0
    private var rows = 0
    private var constantsCache = SubgroupConstants()

    /// - Throws: `SPCError.unsupportedSigmaMethod` for a method other than mr, rbar or sbar.
    public init(specification: SpecificationLimits, sigmaMethod: SigmaMethod = .mr) throws(SPCError) {
        guard [.mr, .rbar, .sbar].contains(sigmaMethod) else {
            throw .unsupportedSigmaMethod(method: sigmaMethod.rawValue, reason: "capability takes mr, rbar or sbar")
        }
        self.specification = specification
        self.sigmaMethod = sigmaMethod
    }

    /// Adds one individual value (sigma method mr).
    ///
    /// - Throws: `SPCError.nonFiniteValue` naming the row, `SPCError.unsupportedSigmaMethod` for a
    ///   subgroup accumulator.
    public mutating func add(_ value: Double) throws(SPCError) {
        guard sigmaMethod == .mr else {
            throw .unsupportedSigmaMethod(method: sigmaMethod.rawValue, reason: "add subgroups to an rbar or sbar accumulator")
        }
        guard value.isFinite else { throw .nonFiniteValue(row: rows) }
        rows += 1
        if let previous {
            withinSum += abs(value - previous)
            withinCount += 1
        }
        previous = value
        include(value)
    }

    /// Adds one subgroup (sigma method rbar or sbar).
    ///
    /// - Throws: `SPCError` naming the subgroup (row) at fault.
    public mutating func add(subgroup: [Double]) throws(SPCError) {
        guard sigmaMethod != .mr else {
            throw .unsupportedSigmaMethod(method: "mr", reason: "add individual values to an mr accumulator")
        }
        let row = rows
        let constants = try constantsCache.constants(for: subgroup, row: row, usesRange: sigmaMethod == .rbar)
        rows += 1
        let statistics = SampleStatistics(subgroup)
        withinSum += sigmaMethod == .rbar ? statistics.range / constants.d2 : statistics.standardDeviation / constants.c4
        withinCount += 1
        for value in subgroup { include(value) }
    }

    private mutating func include(_ value: Double) {
        let origin = shift ?? value
        shift = origin
        let shifted = value - origin
        moments.count += 1
        let delta = shifted - moments.mean
        moments.mean += delta / Double(moments.count)
        moments.sumOfSquaredDeviations += delta * (shifted - moments.mean)
        if let lower = specification.lower, value < lower { moments.belowLower += 1 }
        if let upper = specification.upper, value > upper { moments.aboveUpper += 1 }
    }

    /// The study of everything added so far.
    ///
    /// - Throws: `SPCError.emptyData` before two values, `SPCError.degenerateSpread` when the spread is zero.
    public func capability(confidenceLevel: Double = 0.95) throws(SPCError) -> ProcessCapability {
        guard withinCount > 0 else { throw .emptyData }
        var sigmaWithin = withinSum / Double(withinCount)
        if sigmaMethod == .mr { sigmaWithin /= try ControlChartConstants(n: 2).d2 }
        var unshifted = moments
        unshifted.mean += shift ?? 0
        return try ProcessCapability(
            moments: unshifted, sigmaWithin: sigmaWithin, method: sigmaMethod, specification: specification,
            confidenceLevel: confidenceLevel, normality: nil)
    }
}
