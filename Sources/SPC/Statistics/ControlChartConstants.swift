import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control chart constants of a subgroup of size `n`, all computed rather than tabled.
///
/// - `d2(n)` = E[R]/σ, the mean relative range of n normal observations:
///   d2 = ∫ [1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ] dx (Tippett 1925; Montgomery, Introduction to Statistical
///   Quality Control, 7th ed., §6.2.1 and Appendix VI).
/// - `d3(n)` = SD[R]/σ from E[R²] = 2 ∫∫_{s<t} [1 − (1 − Φ(s))ⁿ − Φ(t)ⁿ + (Φ(t) − Φ(s))ⁿ] ds dt
///   (the same order-statistic argument; Harter 1960 tabled these values).
/// - `c4(n)` = E[s]/σ = √(2/(n−1)) Γ(n/2)/Γ((n−1)/2), exact through `lgamma`
///   (Montgomery §6.3.1 and Appendix VI).
/// - A2 = 3/(d2√n), A3 = 3/(c4√n), D3 = max(0, 1 − 3d3/d2), D4 = 1 + 3d3/d2,
///   B3 = max(0, 1 − 3√(1−c4²)/c4), B4 = 1 + 3√(1−c4²)/c4 (Montgomery §6.2.1, §6.3.1).
///
/// The integrals use the trapezoid rule in the direction where the integrand is smooth on the whole
/// line (spectrally accurate) and Simpson's rule on the half line; the results agree with
/// Montgomery's Appendix VI to all tabled digits and with the exact d2(2) = 2/√π, d2(3) = 3/√π and
/// d3(2) = √(2 − 4/π) to better than 1e-9 (see the tests).
public struct ControlChartConstants: Sendable, Equatable, Codable {
    /// The largest subgroup size for which the range constants d2 and d3 are available.
    public static let maximumRangeSubgroupSize = 50

    /// The subgroup size.
    public let n: Int
    /// E[s]/σ for a subgroup of `n` normal observations.
    public let c4: Double
    /// E[R]/σ; NaN when `n` exceeds `maximumRangeSubgroupSize`.
    public let d2: Double
    /// SD[R]/σ; NaN when `n` exceeds `maximumRangeSubgroupSize`.
    public let d3: Double

    /// The constants of a subgroup of size `n`.
    ///
    /// - Throws: `SPCError.invalidParameter` for n < 2.
    public init(n: Int) throws(SPCError) {
        guard n >= 2 else { throw .invalidParameter(name: "n", value: Double(n), reason: "a subgroup needs at least 2 values") }
        self.n = n
        self.c4 = Self.c4(n)
        if n <= Self.maximumRangeSubgroupSize {
            (self.d2, self.d3) = Self.rangeConstants(n)
        } else {
            self.d2 = .nan
            self.d3 = .nan
        }
    }

    /// Factor for X-bar limits from R-bar: x̿ ± A2·R̄.
    public var a2: Double { 3.0 / (d2 * Double(n).squareRoot()) }
    /// Factor for X-bar limits from S-bar: x̿ ± A3·s̄.
    public var a3: Double { 3.0 / (c4 * Double(n).squareRoot()) }
    /// Factor for the lower R-chart limit D3·R̄ (clipped at 0).
    public var d3Factor: Double { max(0, 1 - 3 * d3 / d2) }
    /// Factor for the upper R-chart limit D4·R̄.
    public var d4Factor: Double { 1 + 3 * d3 / d2 }
    /// Factor for the lower S-chart limit B3·s̄ (clipped at 0).
    public var b3: Double { max(0, 1 - 3 * (1 - c4 * c4).squareRoot() / c4) }
    /// Factor for the upper S-chart limit B4·s̄.
    public var b4: Double { 1 + 3 * (1 - c4 * c4).squareRoot() / c4 }

    /// c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2), through `lgamma` so that large n do not overflow.
    static func c4(_ n: Int) -> Double {
        let m = Double(n)
        return (2.0 / (m - 1)).squareRoot() * exp(lgamma(m / 2) - lgamma((m - 1) / 2))
    }

    /// d2 and d3 already computed, by subgroup size (each costs a few milliseconds).
    private static let rangeCache = Mutex<[Int: RangeConstants]>([:])

    struct RangeConstants: Sendable {
        var d2: Double
        var d3: Double
    }

    /// d2(n) and d3(n), computed on first use and cached.
    static func rangeConstants(_ n: Int) -> (Double, Double) {
        if let known = rangeCache.withLock({ $0[n] }) {
            return (known.d2, known.d3)
        }
        // Computed outside the lock: two threads may both compute n, with the same result.
        let computed = integrateRangeMoments(n)
        rangeCache.withLock { $0[n] = computed }
        return (computed.d2, computed.d3)
    }

    /// E[R]/σ and SD[R]/σ of n normal observations by numerical integration.
    static func integrateRangeMoments(_ n: Int) -> RangeConstants {
        // Φ on one lattice serves both integrals: s and t = s + u both fall on it.
        let step = 0.1
        let halfWidth = 10.0
        let uCount = Int(12.0 / step) // even, for Simpson's rule
        let sCount = Int(2 * halfWidth / step)
        let lastLattice = sCount + uCount
        var phi = [Double](repeating: 0, count: lastLattice + 1)
        var upperTail = [Double](repeating: 0, count: lastLattice + 1)
        for index in 0...lastLattice {
            let x = -halfWidth + Double(index) * step
            phi[index] = NormalDistribution.cumulative(x)
            upperTail[index] = NormalDistribution.cumulative(-x)
        }
        let power = Double(n)
        var meanRange = 0.0
        for index in 0...sCount {
            meanRange += 1 - pow(phi[index], power) - pow(upperTail[index], power)
        }
        meanRange *= step
        var secondMoment = 0.0
        for uIndex in 0...uCount {
            var inner = 0.0
            for sIndex in 0...sCount {
                let tIndex = sIndex + uIndex
                inner +=
                    1 - pow(upperTail[sIndex], power) - pow(phi[tIndex], power)
                    + pow(max(0, phi[tIndex] - phi[sIndex]), power)
            }
            inner *= step
            let weight: Double = (uIndex == 0 || uIndex == uCount) ? 1 : (uIndex % 2 == 1 ? 4 : 2)
            secondMoment += weight * inner
        }
        secondMoment *= 2 * step / 3
        return RangeConstants(d2: meanRange, d3: max(0, secondMoment - meanRange * meanRange).squareRoot())
    }
}
