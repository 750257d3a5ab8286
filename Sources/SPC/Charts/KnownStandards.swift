/// Known (standard) process parameters given instead of phase I estimates.
///
/// For variables charts `center` is the process mean μ and `sigma` the process standard deviation σ,
/// each optional (the other one is then estimated). For attribute charts `center` is the fraction
/// defective p (p and np charts), the mean count c (c chart) or the mean defects per unit u (u chart),
/// and `sigma` must be nil: the binomial or Poisson model implies it.
public struct KnownStandards: Sendable, Equatable {
    public var center: Double?
    public var sigma: Double?

    public init(center: Double? = nil, sigma: Double? = nil) {
        self.center = center
        self.sigma = sigma
    }
}

extension KnownStandards {
    /// Checks that the center is finite and sigma positive and finite.
    func validate() throws(SPCError) {
        if let center, !center.isFinite {
            throw .invalidParameter(name: "center", value: center, reason: "must be a finite number")
        }
        if let sigma, !(sigma > 0 && sigma.isFinite) {
            throw .invalidParameter(name: "sigma", value: sigma, reason: "must be a positive finite number")
        }
    }
}
