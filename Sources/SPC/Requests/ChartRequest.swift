/// One control chart to compute: the type, its ``ChartOptions`` and the EWMA and CUSUM parameters,
/// as `histd spc chart` and the daemon's `/api/v1/spc/chart` take them, so that both compute (and
/// encode, see ``SPCJSON``) a chart through the same code.
public struct ChartRequest: Sendable, Equatable {
    /// The chart type.
    public var type: ChartType
    /// Phase I, known standards, sigma method, run rules.
    public var options: ChartOptions
    /// EWMA weight λ, in (0, 1] (Montgomery 7th ed. §9.2).
    public var lambda: Double
    /// EWMA limit width L, in σ of the EWMA statistic.
    public var width: Double
    /// CUSUM reference value k, in σ (Montgomery 7th ed. §9.1.3).
    public var k: Double
    /// CUSUM decision interval h, in σ.
    public var h: Double
    /// CUSUM fast initial response, a fraction of H in [0, 1) (Montgomery 7th ed. §9.1.7).
    public var headStart: Double
    /// The distribution a t chart fits to its times.
    public var distribution: TimeBetweenEventsDistribution
    /// Where a Z-MR chart's σ comes from: each part's own, or pooled over all parts.
    public var sigmaBy: ShortRunSigma

    /// A request with the CLI's defaults: λ = 0.2, L = 3, k = 0.5, h = 5, no head start, an exponential
    /// t chart, a Z-MR σ per part.
    public init(
        type: ChartType, options: ChartOptions = ChartOptions(), lambda: Double = 0.2, width: Double = 3,
        k: Double = 0.5, h: Double = 5, headStart: Double = 0, distribution: TimeBetweenEventsDistribution = .exponential,
        sigmaBy: ShortRunSigma = .part
    ) {
        self.type = type
        self.options = options
        self.lambda = lambda
        self.width = width
        self.k = k
        self.h = h
        self.headStart = headStart
        self.distribution = distribution
        self.sigmaBy = sigmaBy
    }

    /// Checks the options that do not depend on the data.
    /// - Throws: ``SPCError/unsupportedOption(name:reason:)`` for run rules on an EWMA, CUSUM, g or t
    ///   chart, a Weibull distribution on another chart than t, σ by constant on another chart than zmr.
    public func validate() throws(SPCError) {
        if type == .ewma || type == .cusum, !options.rules.isEmpty {
            throw .unsupportedOption(name: "rules", reason: "EWMA and CUSUM charts take no run rules (their points are autocorrelated)")
        }
        if type == .g || type == .t, !options.rules.isEmpty {
            throw .unsupportedOption(
                name: "rules", reason: "g and t charts take no run rules (their distributions are skewed: the zones of a normal chart do not apply)")
        }
        if distribution != .exponential, type != .t {
            throw .unsupportedOption(name: "distribution", reason: "applies to the t chart only")
        }
        if sigmaBy != .part, type != .zmr {
            throw .unsupportedOption(name: "sigma-by", reason: "applies to the zmr chart only")
        }
    }

    /// Computes the chart of `input`.
    /// - Throws: ``SPCError/inputMismatch(chart:expected:)`` when `input` is not what ``type`` takes,
    ///   the errors of ``validate()`` and those of the chart (naming the 0-based row at fault).
    public func analyze(_ input: ChartInput) throws(SPCError) -> ChartResult {
        try validate()
        switch (type, input) {
        case (.xbarR, .subgroups(let subgroups)):
            return .analysis(try SubgroupChart.xbarR(subgroups, options: options))
        case (.xbarS, .subgroups(let subgroups)):
            return .analysis(try SubgroupChart.xbarS(subgroups, options: options))
        case (.individuals, .values(let values)):
            return .analysis(try IndividualsChart.analyze(values, options: options))
        case (.ewma, .values(let values)):
            return .analysis(try EWMAChart.analyze(values, lambda: lambda, width: width, options: options))
        case (.cusum, .values(let values)):
            return .cusum(try CUSUMChart(values, k: k, h: h, headStart: headStart, options: options))
        case (.c, .values(let defects)):
            return .analysis(try AttributeChart.c(defects: defects, options: options))
        case (.p, .counts(let defectives, let sizes)):
            return .analysis(try AttributeChart.p(defectives: defectives, sizes: sizes, options: options))
        case (.np, .counts(let defectives, let sizes)):
            return .analysis(try AttributeChart.np(defectives: defectives, sizes: sizes, options: options))
        case (.u, .counts(let defects, let units)):
            return .analysis(try AttributeChart.u(defects: defects, units: units, options: options))
        case (.laneyP, .counts(let defectives, let sizes)):
            return .analysis(try LaneyChart.p(defectives: defectives, sizes: sizes, options: options))
        case (.laneyU, .counts(let defects, let units)):
            return .analysis(try LaneyChart.u(defects: defects, units: units, options: options))
        case (.g, .values(let counts)):
            return .analysis(try UnitsBetweenEventsChart.analyze(counts, options: options))
        case (.t, .values(let times)):
            return .analysis(try TimeBetweenEventsChart.analyze(times, distribution: distribution, options: options))
        case (.zmr, .partValues(let parts, let values)):
            return .analysis(try ShortRunChart.zmr(parts: parts, values: values, sigmaBy: sigmaBy, options: options))
        default:
            throw .inputMismatch(chart: type.rawValue, expected: ChartInput.expected(for: type))
        }
    }
}
