import TestSupport
import Testing

@testable import SPC

/// Live monitors fed point by point must report exactly what the batch chart reports with the same
/// frozen parameters.
@Suite struct MonitorTests {
    /// Signals of one panel gathered from the monitor updates, to compare with a batch `ControlChart`.
    struct Gathered {
        var beyond: [Int] = []
        var violations: [RuleViolation] = []
        var lower: [Double] = []
        var upper: [Double] = []

        mutating func add(_ signal: MonitorSignal) {
            if signal.isBeyond { beyond.append(signal.index) }
            violations += signal.violations
            lower.append(signal.lower)
            upper.append(signal.upper)
        }

        func matches(_ chart: ControlChart, from first: Int = 0) -> Bool {
            let count = chart.statistics.count
            return beyond == chart.beyond && violations == chart.violations
                && lower == (first..<count).map { chart.lower[$0] } && upper == (first..<count).map { chart.upper[$0] }
        }
    }

    func drifting(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { index in
            // A sum of uniforms (roughly normal) plus a slow drift, so that every rule gets a chance.
            let noise = (0..<4).map { _ in Double(generator.next() % 1000) / 1000 }.reduce(0, +) - 2
            return 50 + noise * 1.7 + Double(index) * 0.004
        }
    }

    @Test func individualsMonitorEqualsBatch() throws {
        let values = drifting(3000, seed: 1)
        for rules in [RunRuleSet.nelson, .westernElectric] {
            let batch = try IndividualsChart.analyze(values, options: ChartOptions(standards: KnownStandards(center: 50, sigma: 1), rules: rules))
            var monitor = try IndividualsMonitor(center: 50, sigma: 1, rules: rules)
            var individuals = Gathered()
            var movingRanges = Gathered()
            for value in values {
                let update = try monitor.add(value)
                individuals.add(update.individual)
                if let movingRange = update.movingRange { movingRanges.add(movingRange) }
            }
            #expect(individuals.matches(batch.primary))
            #expect(movingRanges.matches(try #require(batch.secondary), from: 1))
            #expect(!batch.primary.violations.isEmpty)
        }
    }

    @Test func subgroupMonitorEqualsBatchWithVaryingSizes() throws {
        let values = drifting(4000, seed: 2)
        var subgroups: [[Double]] = []
        var offset = 0
        while offset + 6 <= values.count {
            let size = 2 + subgroups.count % 5
            subgroups.append(Array(values[offset..<offset + size]))
            offset += size
        }
        for usesRange in [true, false] {
            let options = ChartOptions(standards: KnownStandards(center: 50, sigma: 1), rules: .nelson)
            let batch = try SubgroupChart.analyze(subgroups, usesRange: usesRange, options: options)
            var monitor = try SubgroupMonitor(center: 50, sigma: 1, usesRange: usesRange, rules: .nelson)
            var means = Gathered()
            var dispersions = Gathered()
            for subgroup in subgroups {
                let update = try monitor.add(subgroup: subgroup)
                means.add(update.mean)
                dispersions.add(update.dispersion)
            }
            #expect(means.matches(batch.primary))
            #expect(dispersions.matches(try #require(batch.secondary)))
        }
    }

    @Test func attributeMonitorEqualsBatch() throws {
        var generator = SplitMix64(seed: 3)
        let sizes = (0..<500).map { _ in Double(40 + generator.next() % 30) }
        let counts = sizes.enumerated().map { Double(generator.next() % UInt64($0.element / 4)) + ($0.offset > 400 ? 3 : 0) }
        for type in [ChartType.p, .np, .u] {
            let options = ChartOptions(standards: KnownStandards(center: 0.15), rules: .westernElectric)
            let batch: ChartAnalysis
            switch type {
            case .p: batch = try AttributeChart.p(defectives: counts, sizes: sizes, options: options)
            case .np: batch = try AttributeChart.np(defectives: counts, sizes: sizes, options: options)
            default: batch = try AttributeChart.u(defects: counts, units: sizes, options: options)
            }
            var monitor = try AttributeMonitor(type: type, rate: 0.15, rules: .westernElectric)
            var gathered = Gathered()
            for (count, size) in zip(counts, sizes) { gathered.add(try monitor.add(count: count, size: size)) }
            #expect(gathered.matches(batch.primary))
        }
    }

    @Test func ewmaAndCusumMonitorsEqualBatch() throws {
        let options = ChartOptions(standards: KnownStandards(center: 10, sigma: 1))
        let ewma = try EWMAChart.analyze(PublishedData.table9_1, lambda: 0.1, width: 2.7, options: options)
        var ewmaMonitor = try EWMAMonitor(center: 10, sigma: 1, lambda: 0.1, width: 2.7)
        var gathered = Gathered()
        for value in PublishedData.table9_1 { gathered.add(try ewmaMonitor.add(value)) }
        #expect(gathered.matches(ewma.primary))

        let cusum = try CUSUMChart(PublishedData.table9_1, k: 0.5, h: 5, headStart: 0.5, options: options)
        var cusumMonitor = try CUSUMMonitor(center: 10, sigma: 1, k: 0.5, h: 5, headStart: 0.5)
        var updates: [CUSUMMonitor.Update] = []
        for value in PublishedData.table9_1 { updates.append(try cusumMonitor.add(value)) }
        #expect(updates.map(\.upper) == cusum.upper)
        #expect(updates.map(\.lower) == cusum.lower)
        #expect(updates.filter(\.upperSignal).map(\.index) == cusum.upperSignals)
        #expect(updates.filter(\.lowerSignal).map(\.index) == cusum.lowerSignals)
    }

    @Test func phaseTwoMonitorFromPhaseOneLimits() throws {
        // Phase I on the first 25 piston-ring subgroups; the 15 phase II subgroups fed live signal at
        // their 12th to 14th (samples 37 to 39 of Montgomery's phase II data, §6.2.1), as the batch chart does.
        let phaseOne = try SubgroupChart.xbarR(Array(PublishedData.pistonRings.prefix(25)))
        var monitor = try SubgroupMonitor(limitsOf: phaseOne)
        var beyond: [Int] = []
        for subgroup in PublishedData.pistonRings.dropFirst(25) {
            let update = try monitor.add(subgroup: subgroup)
            if update.mean.isBeyond { beyond.append(update.mean.index) }
        }
        #expect(beyond == [11, 12, 13])
        #expect(throws: SPCError.wrongChartType(expected: "imr", actual: "xbar-r")) { try IndividualsMonitor(limitsOf: phaseOne) }
    }

    @Test func badPointsAreNamed() throws {
        var individuals = try IndividualsMonitor(center: 0, sigma: 1)
        _ = try individuals.add(1)
        #expect(throws: SPCError.nonFiniteValue(row: 1)) { try individuals.add(.nan) }
        var attributes = try AttributeMonitor(type: .p, rate: 0.1)
        _ = try attributes.add(count: 1, size: 10)
        #expect(throws: SPCError.countExceedsSampleSize(row: 1, count: 11, size: 10)) { try attributes.add(count: 11, size: 10) }
        var subgroups = try SubgroupMonitor(center: 0, sigma: 1, usesRange: true)
        #expect(throws: SPCError.subgroupTooSmall(row: 0, size: 1, minimum: 2)) { try subgroups.add(subgroup: [1]) }
        #expect(throws: SPCError.invalidParameter(name: "sigma", value: 0, reason: "must be a positive finite number")) {
            try IndividualsMonitor(center: 0, sigma: 0)
        }
    }
}
