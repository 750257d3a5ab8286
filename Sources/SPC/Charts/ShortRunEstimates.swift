/// The per-part estimates that standardize a short-run Z-MR chart.
public struct ShortRunEstimates: Sendable, Equatable {
    /// Per part, or one σ pooled over all parts.
    public var sigmaBy: ShortRunSigma
    /// One entry per part, in order of first appearance.
    public var parts: [PartEstimate]

    /// The mean and σ of one part, from its phase I values.
    public struct PartEstimate: Sendable, Equatable {
        /// The part's name as the input gives it.
        public var part: String
        /// Phase I values of the part.
        public var count: Int
        /// Their mean.
        public var mean: Double
        /// σ = MR̄/d2(2): the part's own, or the pooled one with ``ShortRunSigma/constant``.
        public var sigma: Double
    }
}
