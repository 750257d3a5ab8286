/// The JSON form of a capability study, as `histd spc capability` prints it: `n`, `mean`,
/// `sigma_within`, `sigma_overall`, `sigma_method`, `cp`, `cpk`, `cpl`, `cpu`, `cpm`, `pp`, `ppk`,
/// `ppl`, `ppu` (null when undefined), `cpk_ci` (`level`, `lower`, `upper`), `ppm`
/// (`expected_within`, `expected_overall`, `observed`, each `{below, above, total}`) and `normality`
/// (`test`, `n`, `a2`, `a2_adjusted`, `p_value`; null from streaming moments), `warnings` (`{code, message}`);
/// with a Box-Cox transform `transform` (`type` "boxcox", `lambda`), with a fitted distribution
/// `distribution` (`type`, `parameters`, `percentiles` {`0.00135`, `0.5`, `0.99865`}, `pp`, `ppk`, `ppl`,
/// `ppu`, `ppm_expected` {below, above, total}, `anderson_darling`).
extension ProcessCapability: Encodable {
    enum CodingKeys: String, CodingKey {
        case count = "n"
        case mean
        case sigmaWithin = "sigma_within"
        case sigmaOverall = "sigma_overall"
        case sigmaMethod = "sigma_method"
        case cp, cpk, cpl, cpu, cpm, pp, ppk, ppl, ppu
        case cpkInterval = "cpk_ci"
        case ppm
        case normality
        case warnings
        case transform
        case percentileMethod = "distribution"
    }

    enum PPMKeys: String, CodingKey {
        case expectedWithin = "expected_within"
        case expectedOverall = "expected_overall"
        case observed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encodeFinite(mean, forKey: .mean)
        try container.encodeFinite(sigmaWithin, forKey: .sigmaWithin)
        try container.encodeFinite(sigmaOverall, forKey: .sigmaOverall)
        try container.encode(sigmaWithinMethod.rawValue, forKey: .sigmaMethod)
        for (key, value) in [
            (CodingKeys.cp, cp), (.cpk, cpk), (.cpl, cpl), (.cpu, cpu), (.cpm, cpm),
            (.pp, pp), (.ppk, ppk), (.ppl, ppl), (.ppu, ppu),
        ] {
            try container.encodeFinite(value, forKey: key)
        }
        if let cpkInterval {
            try container.encode(cpkInterval, forKey: .cpkInterval)
        } else {
            try container.encodeNil(forKey: .cpkInterval)
        }
        var ppm = container.nestedContainer(keyedBy: PPMKeys.self, forKey: .ppm)
        try ppm.encode(expectedWithin, forKey: .expectedWithin)
        try ppm.encode(expectedOverall, forKey: .expectedOverall)
        try ppm.encode(observed, forKey: .observed)
        if let normality {
            try container.encode(normality, forKey: .normality)
        } else {
            try container.encodeNil(forKey: .normality)
        }
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(transform, forKey: .transform)
        try container.encodeIfPresent(percentileMethod, forKey: .percentileMethod)
    }
}

extension BoxCoxTransform: Encodable {
    enum CodingKeys: String, CodingKey {
        case type, lambda
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("boxcox", forKey: .type)
        try container.encodeFinite(lambda, forKey: .lambda)
    }
}

extension PercentileCapability: Encodable {
    enum CodingKeys: String, CodingKey {
        case type, parameters, percentiles, pp, ppk, ppl, ppu
        case expected = "ppm_expected"
        case andersonDarling = "anderson_darling"
    }

    struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(distribution.type.rawValue, forKey: .type)
        let names =
            switch distribution.type {
            case .normal: ("mean", "sigma")
            case .lognormal: ("meanlog", "sdlog")
            case .weibull: ("shape", "scale")
            }
        var parameters = container.nestedContainer(keyedBy: NameKey.self, forKey: .parameters)
        try parameters.encodeFinite(distribution.first, forKey: NameKey(stringValue: names.0))
        try parameters.encodeFinite(distribution.second, forKey: NameKey(stringValue: names.1))
        var percentiles = container.nestedContainer(keyedBy: NameKey.self, forKey: .percentiles)
        try percentiles.encodeFinite(lowerPercentile, forKey: NameKey(stringValue: "0.00135"))
        try percentiles.encodeFinite(median, forKey: NameKey(stringValue: "0.5"))
        try percentiles.encodeFinite(upperPercentile, forKey: NameKey(stringValue: "0.99865"))
        for (key, value) in [(CodingKeys.pp, pp), (.ppk, ppk), (.ppl, ppl), (.ppu, ppu)] {
            try container.encodeFinite(value, forKey: key)
        }
        try container.encode(expected, forKey: .expected)
        try container.encodeFinite(andersonDarling, forKey: .andersonDarling)
    }
}

extension PartsPerMillion: Encodable {
    enum CodingKeys: String, CodingKey {
        case below, above, total
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeFinite(below, forKey: .below)
        try container.encodeFinite(above, forKey: .above)
        try container.encodeFinite(total, forKey: .total)
    }
}

extension ConfidenceInterval: Encodable {
    enum CodingKeys: String, CodingKey {
        case level, lower, upper
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeFinite(level, forKey: .level)
        try container.encodeFinite(lower, forKey: .lower)
        try container.encodeFinite(upper, forKey: .upper)
    }
}

extension AndersonDarlingTest: Encodable {
    enum CodingKeys: String, CodingKey {
        case test
        case count = "n"
        case statistic = "a2"
        case adjustedStatistic = "a2_adjusted"
        case pValue = "p_value"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("anderson-darling", forKey: .test)
        try container.encode(count, forKey: .count)
        try container.encodeFinite(statistic, forKey: .statistic)
        try container.encodeFinite(adjustedStatistic, forKey: .adjustedStatistic)
        try container.encodeFinite(pValue, forKey: .pValue)
    }
}
