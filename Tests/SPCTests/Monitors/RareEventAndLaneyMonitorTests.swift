import Testing

@testable import SPC

/// The live g, t and Laney monitors, fed the rows of a batch chart one by one with the limits that
/// chart froze from its phase I, give the batch chart's limits, beyond points and rule violations.
@Suite struct RareEventAndLaneyMonitorTests {
    @Test func laneyMonitorsEqualTheBatchCharts() throws {
        let options = ChartOptions(phaseOne: 0..<15, rules: .westernElectric)
        let p = try LaneyChart.p(defectives: LaneyChartTests.defectives, sizes: LaneyChartTests.sizes, options: options)
        var pMonitor = try AttributeMonitor(limitsOf: p, rules: .westernElectric)
        var gathered = MonitorTests.Gathered()
        for (count, size) in zip(LaneyChartTests.defectives, LaneyChartTests.sizes) { gathered.add(try pMonitor.add(count: count, size: size)) }
        #expect(gathered.matches(p.primary))
        #expect(pMonitor.sigmaZ == p.laneySigmaZ)

        let u = try LaneyChart.u(defects: LaneyChartTests.defects, units: LaneyChartTests.units, options: ChartOptions(phaseOne: 0..<10))
        var uMonitor = try AttributeMonitor(limitsOf: u)
        gathered = MonitorTests.Gathered()
        for (count, size) in zip(LaneyChartTests.defects, LaneyChartTests.units) { gathered.add(try uMonitor.add(count: count, size: size)) }
        #expect(gathered.matches(u.primary))
        // A plain u monitor with the same rate has narrower limits: σ_z (> 1 here) widens them.
        var plain = try AttributeMonitor(type: .u, rate: u.processCenter)
        let first = try plain.add(count: LaneyChartTests.defects[0], size: LaneyChartTests.units[0])
        #expect(first.upper < u.primary.upper[0])
    }

    @Test func gAndTMonitorsEqualTheBatchCharts() throws {
        let counts: [Double] = [12, 30, 7, 45, 22, 18, 3, 60, 25, 14, 9, 33, 0, 1, 150, 2]
        let g = try UnitsBetweenEventsChart.analyze(counts, options: ChartOptions(phaseOne: 0..<12))
        var gMonitor = try RareEventMonitor(limitsOf: g)
        var gathered = MonitorTests.Gathered()
        for count in counts { gathered.add(try gMonitor.add(count)) }
        #expect(gathered.matches(g.primary))
        #expect(!g.primary.beyond.isEmpty)

        let times = TimeBetweenEventsChartTests.times + [0.0001, 0.0002, 400]
        for distribution in [TimeBetweenEventsDistribution.exponential, .weibull] {
            let t = try TimeBetweenEventsChart.analyze(times, distribution: distribution, options: ChartOptions(phaseOne: 0..<20))
            var tMonitor = try RareEventMonitor(limitsOf: t)
            gathered = MonitorTests.Gathered()
            for time in times { gathered.add(try tMonitor.add(time)) }
            #expect(gathered.matches(t.primary))
            #expect(t.primary.beyond.contains(times.count - 1))
        }
    }

    @Test func badPointsAndLimitsAreNamed() throws {
        var g = try RareEventMonitor(unitsBetweenEventsMean: 10)
        _ = try g.add(3)
        #expect(throws: SPCError.invalidCount(row: 1, count: -1)) { try g.add(-1) }
        var t = try RareEventMonitor(timeBetweenEventsMedian: 5, lower: 0.1, upper: 40)
        #expect(throws: SPCError.nonPositiveTime(row: 0, time: 0)) { try t.add(0) }
        #expect(throws: SPCError.self) { try RareEventMonitor(unitsBetweenEventsMean: 0) }
        #expect(throws: SPCError.self) { try RareEventMonitor(timeBetweenEventsMedian: 5, lower: 6, upper: 40) }
        #expect(throws: SPCError.self) { try AttributeMonitor(type: .laneyP, rate: 0.1, sigmaZ: 0) }
        var laney = try AttributeMonitor(type: .laneyP, rate: 0.1, sigmaZ: 2)
        #expect(throws: SPCError.countExceedsSampleSize(row: 0, count: 11, size: 10)) { try laney.add(count: 11, size: 10) }
    }
}
