#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Box-Cox power transform y = (x^λ − 1)/λ, or ln x for λ = 0, of positive values (Box & Cox,
/// Journal of the Royal Statistical Society B 26(2), 1964). The transform is increasing for every λ,
/// so a lower specification limit stays the lower one.
public struct BoxCoxTransform: Sendable, Equatable {
    /// The power λ.
    public let lambda: Double

    /// The interval in which ``estimate(_:)`` looks for λ.
    public static let searchInterval = -5.0...5.0

    public init(lambda: Double) throws(SPCError) {
        guard lambda.isFinite else { throw .invalidParameter(name: "lambda", value: lambda, reason: "must be a finite number") }
        self.lambda = lambda
    }

    /// The λ in [−5, 5] that maximizes the profile log-likelihood of the normal model of the transformed
    /// values, ℓ(λ) = −(n/2)·ln σ̂²(λ) + (λ − 1)·Σ ln xᵢ with σ̂²(λ) the variance of the transformed values
    /// (divisor n) (Box & Cox 1964, §4; the criterion of R's MASS::boxcox and scipy.stats.boxcox), found by
    /// Brent's method to 1e-10.
    ///
    /// - Throws: `SPCError.emptyData` for fewer than 2 values, `SPCError.nonPositiveValue` naming the first
    ///   value ≤ 0, `SPCError.nonFiniteValue`, `SPCError.degenerateSpread` when all values are equal.
    public static func estimate(_ values: [Double]) throws(SPCError) -> BoxCoxTransform {
        try validate(values)
        let logarithms = values.map { log($0) }
        let logStatistics = SampleStatistics(logarithms)
        guard logStatistics.sumOfSquaredDeviations > 0 else {
            throw .degenerateSpread(reason: "all values are equal, so no Box-Cox λ can be estimated")
        }
        let logSum = logarithms.reduce(0, +)
        let size = Double(values.count)
        let negativeLikelihood = { (lambda: Double) -> Double in
            let transformed = logarithms.map { transform(logarithm: $0, lambda: lambda) }
            let variance = SampleStatistics(transformed).sumOfSquaredDeviations / size
            return 0.5 * size * log(variance) - (lambda - 1) * logSum
        }
        let lambda = BrentMinimizer.minimum(in: searchInterval.lowerBound, searchInterval.upperBound, tolerance: 1e-10, negativeLikelihood)
        return try BoxCoxTransform(lambda: lambda)
    }

    /// The transformed value; the caller has checked that `value` is positive.
    func callAsFunction(_ value: Double) -> Double {
        Self.transform(logarithm: log(value), lambda: lambda)
    }

    /// The transformed values.
    ///
    /// - Throws: `SPCError.nonPositiveValue` or `SPCError.nonFiniteValue` naming the row (0-based).
    func apply(_ values: [Double]) throws(SPCError) -> [Double] {
        try Self.validate(values)
        return values.map { self($0) }
    }

    /// The transformed limit named `name`.
    ///
    /// - Throws: `SPCError.invalidParameter` when the limit is not positive.
    func apply(limit: Double?, name: String) throws(SPCError) -> Double? {
        guard let limit else { return nil }
        guard limit > 0 else {
            throw .invalidParameter(name: name, value: limit, reason: "must be positive for the Box-Cox transform")
        }
        return self(limit)
    }

    /// The specification with each limit and the target transformed.
    ///
    /// - Throws: `SPCError.invalidParameter` naming a limit ≤ 0.
    func apply(_ specification: SpecificationLimits) throws(SPCError) -> SpecificationLimits {
        try SpecificationLimits(
            lower: apply(limit: specification.lower, name: "lsl"), upper: apply(limit: specification.upper, name: "usl"),
            target: apply(limit: specification.target, name: "target"))
    }

    static func validate(_ values: [Double]) throws(SPCError) {
        guard values.count >= 2 else { throw .emptyData }
        for (row, value) in values.enumerated() {
            guard value.isFinite else { throw .nonFiniteValue(row: row) }
            guard value > 0 else { throw .nonPositiveValue(row: row, value: value, reason: "the Box-Cox transform takes positive values") }
        }
    }

    /// (e^{λ·ln x} − 1)/λ with expm1 for precision near λ = 0, and ln x at λ = 0.
    static func transform(logarithm: Double, lambda: Double) -> Double {
        abs(lambda) < 1e-12 ? logarithm : expm1(lambda * logarithm) / lambda
    }
}
