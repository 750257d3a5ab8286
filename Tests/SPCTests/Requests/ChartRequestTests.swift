import Foundation
import Testing

@testable import SPC

/// `ChartRequest`: the one dispatch from chart type and input to a chart, shared by the CLI and
/// the daemon.
@Suite struct ChartRequestTests {
    @Test func dispatchesEveryTypeToItsChart() throws {
        let options = ChartOptions(phaseOne: 0..<25, rules: .nelson)
        #expect(
            try ChartRequest(type: .xbarR, options: options).analyze(.subgroups(PublishedData.pistonRings))
                == .analysis(SubgroupChart.xbarR(PublishedData.pistonRings, options: options)))
        #expect(
            try ChartRequest(type: .xbarS).analyze(.subgroups(PublishedData.pistonRings))
                == .analysis(SubgroupChart.xbarS(PublishedData.pistonRings)))
        #expect(
            try ChartRequest(type: .individuals).analyze(.values(PublishedData.viscosity))
                == .analysis(IndividualsChart.analyze(PublishedData.viscosity)))
        #expect(
            try ChartRequest(type: .c).analyze(.values(PublishedData.circuitBoardDefects))
                == .analysis(AttributeChart.c(defects: PublishedData.circuitBoardDefects)))
        #expect(
            try ChartRequest(type: .ewma, lambda: 0.1, width: 2.7).analyze(.values(PublishedData.table9_1))
                == .analysis(EWMAChart.analyze(PublishedData.table9_1, lambda: 0.1, width: 2.7)))
        #expect(
            try ChartRequest(type: .cusum, k: 0.5, h: 4, headStart: 0.5).analyze(.values(PublishedData.table9_1))
                == .cusum(CUSUMChart(PublishedData.table9_1, k: 0.5, h: 4, headStart: 0.5)))
        let sizes = [Double](repeating: 50, count: PublishedData.orangeJuiceDefectives.count)
        #expect(
            try ChartRequest(type: .p).analyze(.counts(PublishedData.orangeJuiceDefectives, sizes: sizes))
                == .analysis(AttributeChart.p(defectives: PublishedData.orangeJuiceDefectives, sizes: sizes)))
        #expect(
            try ChartRequest(type: .np).analyze(.counts(PublishedData.orangeJuiceDefectives, sizes: sizes))
                == .analysis(AttributeChart.np(defectives: PublishedData.orangeJuiceDefectives, sizes: sizes)))
        #expect(
            try ChartRequest(type: .u).analyze(.counts([3, 4, 10], sizes: [1, 2, 2]))
                == .analysis(AttributeChart.u(defects: [3, 4, 10], units: [1, 2, 2])))
    }

    @Test func refusesInputOfTheWrongShape() {
        #expect(throws: SPCError.inputMismatch(chart: "xbar-r", expected: "one subgroup of measurements per point")) {
            try ChartRequest(type: .xbarR).analyze(.values([1, 2, 3]))
        }
        #expect(throws: SPCError.inputMismatch(chart: "p", expected: "defectives and sample size per point")) {
            try ChartRequest(type: .p).analyze(.values([1, 2, 3]))
        }
    }

    @Test func refusesRunRulesOnSmoothedCharts() {
        for type in [ChartType.ewma, .cusum] {
            #expect(throws: SPCError.self) { try ChartRequest(type: type, options: ChartOptions(rules: .westernElectric)).validate() }
        }
        #expect(throws: Never.self) { try ChartRequest(type: .individuals, options: ChartOptions(rules: .westernElectric)).validate() }
    }

    @Test func resultEncodesAsTheWrappedChart() throws {
        let chart = try CUSUMChart(PublishedData.table9_1, k: 0.5, h: 5)
        #expect(try SPCJSON.encode(ChartResult.cusum(chart)) == SPCJSON.encode(chart))
        let text = String(decoding: try SPCJSON.encode(chart), as: UTF8.self)
        // Keys sorted, so "beyond" comes first.
        #expect(text.hasPrefix(#"{"beyond":"#))
        #expect(!text.hasSuffix("\n"))
    }
}
