/// Key performance indicators of ISO 22400-2:2014 ("Automation systems and integration - Key
/// performance indicators for manufacturing operations management - Part 2: Definitions and
/// descriptions", the KPI of each name below), mapped onto OEE figures:
/// PBT = planned production time, APT = run time, ASUT = setup time, ADET = availability loss
/// other than setup (failures and missing data), PQ = total, GQ = good, SQ = rejects,
/// PRI x PQ = ideal cycle time times parts. A ratio is nil when its denominator is 0.
public struct ISO22400Indicators: Equatable, Sendable {
    /// Availability = APT / PBT.
    public let availability: Double?
    /// Effectiveness = PRI x PQ / APT.
    public let effectiveness: Double?
    /// Quality ratio = GQ / PQ.
    public let qualityRatio: Double?
    /// OEE index = availability x effectiveness x quality ratio (nil when any factor is nil).
    public let oeeIndex: Double?
    /// Setup ratio = ASUT / AUPT, where the actual unit processing time AUPT = APT + ASUT.
    public let setupRatio: Double?
    /// Technical efficiency = APT / (APT + ADET).
    public let technicalEfficiency: Double?
    /// Scrap ratio = SQ / PQ.
    public let scrapRatio: Double?
    /// Mean operating time between failures = APT / FE, nanoseconds; FE = number of failures
    /// (stops that are not setups). Nil when there was no failure.
    public let meanTimeBetweenFailures: Double?
    /// Mean time to repair = failure time / FE, nanoseconds. Nil when there was no failure.
    public let meanTimeToRepair: Double?

    /// The indicators of `figures`.
    public init(figures: OEEFigures) {
        let productionTime = figures.runTime
        availability = ratio(productionTime, figures.plannedProductionTime)
        effectiveness = ratio(figures.idealTimeOfTotal, productionTime)
        qualityRatio = ratio(figures.good, figures.total)
        if let availability, let effectiveness, let qualityRatio {
            oeeIndex = availability * effectiveness * qualityRatio
        } else {
            oeeIndex = nil
        }
        setupRatio = ratio(figures.setupTime, productionTime + figures.setupTime)
        let delayTime = figures.availabilityLoss - figures.setupTime
        technicalEfficiency = ratio(productionTime, productionTime + delayTime)
        scrapRatio = ratio(figures.reject, figures.total)
        meanTimeBetweenFailures = ratio(productionTime, figures.failureCount)
        meanTimeToRepair = ratio(figures.failureTime, figures.failureCount)
    }
}
