/// How the process standard deviation σ is estimated from phase I data.
public enum SigmaMethod: String, Sendable, CaseIterable, Codable {
    /// Average of Rᵢ/d2(nᵢ) over the subgroups (R̄/d2 for equal sizes; qcc "UWAVE-R";
    /// Montgomery 7th ed. §6.2.1).
    case rbar
    /// Average of sᵢ/c4(nᵢ) over the subgroups (s̄/c4 for equal sizes; qcc "UWAVE-SD";
    /// Montgomery 7th ed. §6.3.1).
    case sbar
    /// Average moving range of span 2 over d2(2) = 2/√π (Montgomery 7th ed. §6.4).
    case mr
    /// Sample standard deviation s of all N phase I observations (divisor N − 1), made unbiased as
    /// s/c4(N) (Montgomery 7th ed. §6.3.1; qcc "SD" for individuals).
    case sd
    /// σ given as a known standard.
    case known
    /// Implied by the binomial model of a p or np chart: √(p̄(1 − p̄)).
    case binomial
    /// Implied by the Poisson model of a c or u chart: √c̄ or √ū.
    case poisson
    /// Implied by the geometric model of a g chart: √(ḡ(ḡ + 1)) (Benneyan 2001).
    case geometric
    /// The standard deviation of the exponential distribution fitted to a t chart's times (its mean).
    case exponential
    /// The standard deviation of the Weibull distribution fitted to a t chart's times by maximum likelihood.
    case weibull
}
