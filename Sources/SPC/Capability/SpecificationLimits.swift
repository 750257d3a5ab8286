/// Specification limits of a characteristic: one or both sides, and an optional target.
public struct SpecificationLimits: Sendable, Equatable {
    /// Lower specification limit (LSL), nil for an upper-only specification.
    public let lower: Double?
    /// Upper specification limit (USL), nil for a lower-only specification.
    public let upper: Double?
    /// Target T, used by Cpm.
    public let target: Double?

    /// - Throws: `SPCError.missingSpecification` when neither limit is given,
    ///   `SPCError.invalidSpecification` when LSL ≥ USL, `SPCError.invalidParameter` for a non-finite value.
    public init(lower: Double?, upper: Double?, target: Double? = nil) throws(SPCError) {
        guard lower != nil || upper != nil else { throw .missingSpecification }
        for (name, value) in [("lsl", lower), ("usl", upper), ("target", target)] {
            if let value, !value.isFinite {
                throw .invalidParameter(name: name, value: value, reason: "must be a finite number")
            }
        }
        if let lower, let upper, lower >= upper {
            throw .invalidSpecification(lower: lower, upper: upper)
        }
        self.lower = lower
        self.upper = upper
        self.target = target
    }
}
