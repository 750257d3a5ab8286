import Testing

@testable import SPC

@Suite struct AttributeChartTests {
    let sizes = [Double](repeating: 50, count: 30)

    @Test func orangeJuicePChartMatchesQcc() throws {
        // qcc(D[trial], sizes = size[trial], type = "p"): center 0.2313333, std.dev 0.421685,
        // limits 0.05242755 and 0.4102391; samples 15 and 23 beyond (Montgomery Example 7.1).
        let chart = try AttributeChart.p(defectives: PublishedData.orangeJuiceDefectives, sizes: sizes)
        #expect(agrees(chart.processCenter, with: "0.2313333"))
        #expect(agrees(chart.sigma, with: "0.421685"))
        #expect(agrees(chart.primary.lower[0], with: "0.05242755"))
        #expect(agrees(chart.primary.upper[0], with: "0.4102391"))
        #expect(chart.primary.beyond == [14, 22])
    }

    @Test func orangeJuiceDroppingOutOfControlSamples() throws {
        // Dropping samples 15 and 23 gives p̄ = 0.215 and UCL 0.3892972 (qcc, Montgomery); sample 21
        // (20/50 = 0.40) is then beyond and is dropped too: p̄ = (347 − 22 − 24 − 20)/(27·50) = 281/1350.
        let chart = try AttributeChart.p(
            defectives: PublishedData.orangeJuiceDefectives, sizes: sizes, options: ChartOptions(dropOutOfControl: true))
        #expect(chart.excluded == [14, 20, 22])
        #expect(close(chart.processCenter, 281.0 / 1350.0, relative: 1e-14))
        // UCL = p̄ + 3√(p̄(1 − p̄)/50) = 0.2081481 + 3·0.0574147 = 0.3803923.
        #expect(agrees(chart.primary.upper[0], with: "0.3803923"))
    }

    @Test func npChartOfOrangeJuice() throws {
        // np chart: center 50·0.2313333 = 11.56667, limits 11.56667 ± 3√(11.56667·0.7686667) = ± 8.945289.
        let chart = try AttributeChart.np(defectives: PublishedData.orangeJuiceDefectives, sizes: sizes)
        #expect(agrees(chart.primary.center[0], with: "11.56667"))
        #expect(agrees(chart.primary.upper[0], with: "20.51196"))
        #expect(agrees(chart.primary.lower[0], with: "2.621377"))
        #expect(chart.primary.beyond == [14, 22])
    }

    @Test func circuitBoardCChartMatchesMontgomery() throws {
        // Montgomery Example 7.3: c̄ = 516/26 = 19.85, limits 19.85 ± 3√19.85 (he prints 33.22 and 6.48
        // from the rounded c̄; qcc: 33.21086 and 6.481447); samples 6 and 20 beyond.
        let chart = try AttributeChart.c(defects: PublishedData.circuitBoardDefects)
        #expect(agrees(chart.processCenter, with: "19.85"))
        #expect(agrees(chart.primary.upper[0], with: "33.21086"))
        #expect(agrees(chart.primary.lower[0], with: "6.481447"))
        #expect(agrees(chart.primary.lower[0], with: "6.48"))
        #expect(chart.primary.beyond == [5, 19])
    }

    @Test func uChartWithVaryingUnits() throws {
        // Defects 3, 4, 10 in 1, 2, 2 units: ū = 17/5 = 3.4; limits 3.4 ± 3√(3.4/nᵢ):
        // n = 1: 3.4 ± 5.531727 → LCL clipped at 0, UCL 8.931727; n = 2: 3.4 ± 3.911521.
        let chart = try AttributeChart.u(defects: [3, 4, 10], units: [1, 2, 2])
        #expect(close(chart.processCenter, 3.4, relative: 1e-15))
        #expect(agrees(chart.primary.upper[0], with: "8.931727"))
        #expect(chart.primary.lower[0] == 0)
        #expect(agrees(chart.primary.upper[1], with: "7.311521"))
        #expect(chart.primary.statistics == [3, 2, 5])
    }

    @Test func badRowsAreNamed() {
        #expect(throws: SPCError.countExceedsSampleSize(row: 1, count: 6, size: 5)) {
            try AttributeChart.p(defectives: [1, 6], sizes: [5, 5])
        }
        #expect(throws: SPCError.invalidSampleSize(row: 0, size: 0)) {
            try AttributeChart.np(defectives: [0, 1], sizes: [0, 5])
        }
        #expect(throws: SPCError.invalidCount(row: 1, count: -1)) { try AttributeChart.c(defects: [1, -1]) }
        #expect(throws: SPCError.invalidSampleSize(row: 1, size: 0)) { try AttributeChart.u(defects: [1, 1], units: [1, 0]) }
    }

    @Test func knownFractionDefective() throws {
        // p = 0.1, n = 100: limits 0.1 ± 3·0.03 = 0.01 and 0.19.
        let chart = try AttributeChart.p(defectives: [5, 25], sizes: [100, 100], options: ChartOptions(standards: KnownStandards(center: 0.1)))
        #expect(close(chart.primary.lower[0], 0.01, relative: 1e-12))
        #expect(close(chart.primary.upper[0], 0.19, relative: 1e-12))
        #expect(chart.primary.beyond == [1])
    }
}
