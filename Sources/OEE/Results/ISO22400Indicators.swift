/// Key performance indicators of ISO 22400-2:2014 ("Automation systems and integration - Key
/// performance indicators for manufacturing operations management - Part 2: Definitions and
/// descriptions"), with its time elements as the standard defines them (element definitions as
/// reproduced in OPC 40001-1 Annex C and the hsu-aut ISO 22400-2 ontology), mapped onto OEE figures:
///
/// - PBT (planned busy time) = planned production time;
/// - APT (actual production time) = run time minus small stops: minor stoppages are delays;
/// - ASUT (actual setup time) = availability loss with a setup reason;
/// - ADET (actual unit delay time) = every other stop with a known state, small stops included;
/// - AUPT (actual unit processing time) = APT + ASUT; AUBT (actual unit busy time) = AUPT + ADET,
///   which is PBT minus the time without a known state (`NO_DATA`: not known to be busy);
/// - PQ = total, GQ = good, SQ = rejects, PRI x PQ = ideal cycle time times parts (per product);
/// - FE (failure events) = stops with a failure reason (``MachineConfiguration/failureReasons``),
///   TBF = busy time between failures (production and setup), TTR = failure downtime.
///
/// A ratio is nil when its denominator is 0.
public struct ISO22400Indicators: Equatable, Sendable {
    /// Availability = APT / PBT.
    public let availability: Double?
    /// Effectiveness = PRI x PQ / APT.
    public let effectiveness: Double?
    /// Quality ratio = GQ / PQ.
    public let qualityRatio: Double?
    /// OEE index = availability x effectiveness x quality ratio (nil when any factor is nil).
    public let oeeIndex: Double?
    /// Utilization efficiency = APT / AUBT.
    public let utilizationEfficiency: Double?
    /// NEE index (net equipment effectiveness) = utilization efficiency x effectiveness x quality
    /// ratio (nil when any factor is nil).
    public let neeIndex: Double?
    /// Setup rate = ASUT / AUPT.
    public let setupRatio: Double?
    /// Technical efficiency = APT / (APT + ADET).
    public let technicalEfficiency: Double?
    /// Scrap ratio = SQ / PQ.
    public let scrapRatio: Double?
    /// Mean operating time between failures = sum of TBF / FE = (APT + ASUT) / FE, nanoseconds;
    /// nil when there was no failure.
    public let meanTimeBetweenFailures: Double?
    /// Mean time to restoration = sum of TTR / FE = failure downtime / FE, nanoseconds; nil when
    /// there was no failure.
    public let meanTimeToRepair: Double?

    /// The indicators of `figures`.
    public init(figures: OEEFigures) {
        let productionTime = figures.runTime - figures.smallStopTime
        let delayTime = figures.availabilityLoss - figures.setupTime - figures.noDataTime + figures.smallStopTime
        let processingTime = productionTime + figures.setupTime
        let busyTime = processingTime + delayTime
        availability = ratio(productionTime, figures.plannedProductionTime)
        effectiveness = ratio(figures.idealTimeOfTotal, productionTime)
        qualityRatio = ratio(figures.good, figures.total)
        oeeIndex = Self.product(availability, effectiveness, qualityRatio)
        utilizationEfficiency = ratio(productionTime, busyTime)
        neeIndex = Self.product(utilizationEfficiency, effectiveness, qualityRatio)
        setupRatio = ratio(figures.setupTime, processingTime)
        technicalEfficiency = ratio(productionTime, productionTime + delayTime)
        scrapRatio = ratio(figures.reject, figures.total)
        meanTimeBetweenFailures = ratio(processingTime, figures.failureCount)
        meanTimeToRepair = ratio(figures.failureTime, figures.failureCount)
    }

    private static func product(_ first: Double?, _ second: Double?, _ third: Double?) -> Double? {
        guard let first, let second, let third else { return nil }
        return first * second * third
    }
}
