/// Groups stop reason codes into categories and maps categories onto the six big losses.
///
/// A reason without a category is its own category. A category without a mapping is
/// ``SixBigLoss/setupAndAdjustment`` when it is a setup reason and ``SixBigLoss/equipmentFailure``
/// otherwise (missing data, `NO_DATA`, included: it is planned time lost for an unknown reason).
public struct ReasonCatalog: Sendable {
    /// Category of each reason code, for example `["JAM": "MINOR", "NO_OPERATOR": "ORGANISATION"]`.
    public var categoryByReason: [String: String]
    /// Big loss of each category.
    public var lossByCategory: [String: SixBigLoss]
    /// Reason codes that are setup.
    public var setupReasons: Set<String>

    public init(
        categoryByReason: [String: String] = [:], lossByCategory: [String: SixBigLoss] = [:],
        setupReasons: Set<String> = [StateEvent.setupReason]
    ) {
        self.categoryByReason = categoryByReason
        self.lossByCategory = lossByCategory
        self.setupReasons = setupReasons
    }

    /// The category of `reason`.
    public func category(of reason: String) -> String {
        categoryByReason[reason] ?? reason
    }

    /// The big loss `reason` belongs to.
    public func bigLoss(of reason: String) -> SixBigLoss {
        lossByCategory[category(of: reason)]
            ?? (setupReasons.contains(reason) ? .setupAndAdjustment : .equipmentFailure)
    }

    /// Availability loss per category, nanoseconds.
    public func downtimeByCategory(_ figures: OEEFigures) -> [String: Int64] {
        var sums: [String: Int64] = [:]
        for (reason, time) in figures.downtimeByReason { sums[category(of: reason), default: 0] += time }
        return sums
    }

    /// Planned production time lost per big loss, nanoseconds. The six add up to planned production
    /// time minus fully productive time: availability reasons by their mapping, small stops to
    /// idling and minor stops, speed loss to reduced speed, ideal time of rejects to process defects.
    public func sixBigLosses(_ figures: OEEFigures) -> [SixBigLoss: Int64] {
        var sums = Dictionary(uniqueKeysWithValues: SixBigLoss.allCases.map { ($0, Int64(0)) })
        for (reason, time) in figures.downtimeByReason { sums[bigLoss(of: reason), default: 0] += time }
        let losses = LossBreakdown(figures: figures)
        sums[.idlingAndMinorStops, default: 0] += losses.smallStops
        sums[.reducedSpeed, default: 0] += losses.speedLoss
        sums[.processDefects, default: 0] += losses.quality
        return sums
    }
}
