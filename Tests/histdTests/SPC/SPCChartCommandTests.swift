import Foundation
import SPC
import Testing

@testable import histd

/// `histd spc chart` hands its CSV rows to the SPC module's `ChartRequest`, as the daemon does.
@Suite("histd spc chart input")
struct SPCChartCommandTests {
    @Test("each chart type reads the row shape it documents")
    func rowShapes() throws {
        let subgroups = try CSVNumberTableTests.table("74.030,74.002\n73.995,73.992\n")
        #expect(try SPCChartCommand.input(of: subgroups, for: .xbarR) == .subgroups([[74.030, 74.002], [73.995, 73.992]]))
        let values = try CSVNumberTableTests.table("21\n24\n16\n")
        #expect(try SPCChartCommand.input(of: values, for: .c) == .values([21, 24, 16]))
        #expect(try SPCChartCommand.input(of: values, for: .cusum) == .values([21, 24, 16]))
        let pairs = try CSVNumberTableTests.table("3,1\n4,2\n")
        #expect(try SPCChartCommand.input(of: pairs, for: .u) == .counts([3, 4], sizes: [1, 2]))
        #expect(try SPCChartCommand.input(of: pairs, for: .np) == .counts([3, 4], sizes: [1, 2]))
        #expect(throws: SPCInputError.self) { try SPCChartCommand.input(of: pairs, for: .individuals) }
    }
}
