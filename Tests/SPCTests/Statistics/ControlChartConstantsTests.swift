import Foundation
import Testing

@testable import SPC

@Suite struct ControlChartConstantsTests {
    /// Montgomery, Introduction to Statistical Quality Control, 7th ed., Appendix VI, rows n = 2, 5,
    /// 10, 25: d2, d3, c4, A2, A3, B3, B4, D3, D4 as printed.
    static let appendixVI:
        [(n: Int, d2: String, d3: String, c4: String, a2: String, a3: String, b3: String, b4: String, d3Factor: String, d4: String)] = [
            (2, "1.128", "0.853", "0.7979", "1.880", "2.659", "0", "3.267", "0", "3.267"),
            (5, "2.326", "0.864", "0.9400", "0.577", "1.427", "0", "2.089", "0", "2.114"),
            (10, "3.078", "0.797", "0.9727", "0.308", "0.975", "0.284", "1.716", "0.223", "1.777"),
            (25, "3.931", "0.708", "0.9896", "0.153", "0.606", "0.565", "1.435", "0.459", "1.541"),
        ]

    @Test(arguments: appendixVI.indices)
    func agreesWithMontgomeryAppendixVI(row: Int) throws {
        let published = Self.appendixVI[row]
        let constants = try ControlChartConstants(n: published.n)
        #expect(agrees(constants.d2, with: published.d2))
        #expect(agrees(constants.d3, with: published.d3))
        #expect(agrees(constants.c4, with: published.c4))
        #expect(agrees(constants.a2, with: published.a2))
        #expect(agrees(constants.a3, with: published.a3))
        #expect(agrees(constants.b3, with: published.b3))
        #expect(agrees(constants.b4, with: published.b4))
        #expect(agrees(constants.d3Factor, with: published.d3Factor))
        #expect(agrees(constants.d4Factor, with: published.d4))
    }

    @Test func matchesClosedFormsForSmallSubgroups() throws {
        // For n = 2 the range is |X1 − X2| ~ |N(0, 2)|: E[R] = 2/√π, E[R²] = 2, so d3 = √(2 − 4/π).
        // For n = 3, E[R] = 3/√π (Tippett 1925). c4(2) = √(2/π).
        let two = try ControlChartConstants(n: 2)
        #expect(close(two.d2, 2 / Double.pi.squareRoot(), relative: 1e-10))
        #expect(close(two.d3, (2 - 4 / Double.pi).squareRoot(), relative: 1e-9))
        #expect(close(two.c4, (2 / Double.pi).squareRoot(), relative: 1e-14))
        let three = try ControlChartConstants(n: 3)
        #expect(close(three.d2, 3 / Double.pi.squareRoot(), relative: 1e-10))
        // c4(3) = √(2/2)·Γ(3/2)/Γ(1) = √π/2.
        #expect(close(three.c4, Double.pi.squareRoot() / 2, relative: 1e-14))
    }

    @Test func rejectsSubgroupsOfOne() {
        #expect(throws: SPCError.invalidParameter(name: "n", value: 1, reason: "a subgroup needs at least 2 values")) {
            try ControlChartConstants(n: 1)
        }
    }

    @Test func rangeConstantsStopAtTheirMaximum() throws {
        let large = try ControlChartConstants(n: ControlChartConstants.maximumRangeSubgroupSize + 1)
        #expect(large.d2.isNaN)
        #expect(large.c4 > 0.99 && large.c4 < 1)
    }
}
