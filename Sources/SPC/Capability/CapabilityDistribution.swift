/// The distribution fitted for a percentile-method capability study (``PercentileCapability``).
public enum CapabilityDistribution: String, Sendable, CaseIterable {
    case normal
    case lognormal
    case weibull
}
