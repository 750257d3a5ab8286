import Testing

@testable import SPC

/// Reference values: numpy, Tests/SPCTests/Support/References/rare_event_laney_short_run.py (Laney 2002 formulas).
@Suite struct LaneyChartTests {
    static let defectives: [Double] = [88, 66, 64, 63, 59, 59, 75, 77, 66, 65, 50, 60, 41, 63, 97, 45, 64, 73, 104, 42]
    static let sizes: [Double] = [
        3049, 2192, 2166, 2445, 3052, 1970, 2148, 2531, 2138, 2372, 2281, 1900, 1848, 1938, 2727, 3180, 3101, 2771, 3091, 2428,
    ]
    static let defects: [Double] = [256, 225, 161, 134, 175, 208, 288, 314, 133, 217, 161, 179, 161, 234, 147, 223]
    static let units = [101.9, 70.2, 60.6, 76.6, 104.3, 81.8, 94.3, 88.2, 58.8, 78.5, 71.1, 103.8, 61.5, 105.1, 68.6, 66.5]

    @Test func laneyPWidensTheLimitsOfOverDispersedSamples() throws {
        let chart = try LaneyChart.p(defectives: Self.defectives, sizes: Self.sizes)
        #expect(chart.type == .laneyP)
        #expect(close(chart.processCenter, 0.02677992215374635, relative: 1e-12))
        #expect(close(try #require(chart.laneySigmaZ), 1.9173646566870117, relative: 1e-9))
        #expect(close(chart.primary.lower[0], 0.0099625767021080391, relative: 1e-9))
        #expect(close(chart.primary.upper[0], 0.043597267605384661, relative: 1e-9))
        #expect(close(chart.primary.lower[12], 0.0051783592541759897, relative: 1e-9))
        #expect(close(chart.primary.upper[12], 0.048381485053316714, relative: 1e-9))
        #expect(chart.primary.beyond.isEmpty)
        // The plain p chart of the same samples alarms at row 15.
        #expect(try AttributeChart.p(defectives: Self.defectives, sizes: Self.sizes).primary.beyond == [15])
    }

    @Test func laneyPPhaseOneFreezesRateAndSigmaZ() throws {
        let chart = try LaneyChart.p(defectives: Self.defectives, sizes: Self.sizes, options: ChartOptions(phaseOne: 0..<15))
        #expect(close(chart.processCenter, 0.028569784503840952, relative: 1e-12))
        #expect(close(try #require(chart.laneySigmaZ), 1.3585023910848462, relative: 1e-9))
        #expect(close(chart.primary.lower[0], 0.016273830332016632, relative: 1e-9))
        #expect(close(chart.primary.upper[12], 0.04436370562038805, relative: 1e-9))
        #expect(chart.primary.beyond == [15])
    }

    @Test func laneyUWithVaryingUnits() throws {
        let chart = try LaneyChart.u(defects: Self.defects, units: Self.units)
        #expect(chart.type == .laneyU)
        #expect(close(chart.processCenter, 2.4895494658615887, relative: 1e-12))
        #expect(close(try #require(chart.laneySigmaZ), 3.2651663654501415, relative: 1e-9))
        #expect(close(chart.primary.lower[0], 0.95846250893851526, relative: 1e-9))
        #expect(close(chart.primary.upper[0], 4.020636422784662, relative: 1e-9))
        #expect(close(chart.primary.lower[8], 0.47397760874599015, relative: 1e-9))
        #expect(close(chart.primary.upper[8], 4.5051213229771871, relative: 1e-9))
        #expect(chart.primary.beyond.isEmpty)
        #expect(try AttributeChart.u(defects: Self.defects, units: Self.units).primary.beyond == [1, 3, 4, 6, 7, 11, 15])
    }

    @Test func badInputIsNamed() {
        #expect(throws: SPCError.countExceedsSampleSize(row: 1, count: 6, size: 5)) {
            try LaneyChart.p(defectives: [1, 6], sizes: [5, 5])
        }
        #expect(throws: SPCError.invalidSampleSize(row: 1, size: 0)) { try LaneyChart.u(defects: [1, 1], units: [1, 0]) }
        // No defective at all: p̄ = 0 gives no standardized counts.
        #expect(throws: SPCError.self) { try LaneyChart.p(defectives: [0, 0, 0], sizes: [10, 10, 10]) }
        // Every sample has the same fraction: σ_z = 0.
        #expect(throws: SPCError.self) { try LaneyChart.p(defectives: [1, 2, 3], sizes: [10, 20, 30]) }
        // One row gives no moving range.
        #expect(throws: SPCError.self) { try LaneyChart.u(defects: [3], units: [2]) }
        #expect(throws: SPCError.self) {
            try LaneyChart.p(defectives: [1, 2], sizes: [10, 10], options: ChartOptions(standards: KnownStandards(sigma: 1)))
        }
    }
}
