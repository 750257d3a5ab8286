import Testing

@testable import SPC

/// Expected values: numpy 2.4 / scipy 1.17 in Support/References/multivariate.py (np.cov, np.linalg.inv,
/// scipy.stats.beta.ppf and f.ppf with the limits of Montgomery §11.3), pasted as printed.
@Suite struct HotellingT2ChartTests {
    static let names = ["x1", "x2", "x3"]

    static func expectClose(_ actual: [Double], _ expected: [Double], relative: Double = 1e-9) {
        #expect(actual.count == expected.count)
        for (index, (value, reference)) in zip(actual, expected).enumerated() {
            #expect(close(value, reference, relative: relative), "point \(index): \(value) vs \(reference)")
        }
    }

    @Test func individualsMatchNumpy() throws {
        let data = try ObservationMatrix(variables: Self.names, values: MultivariateData.individuals)
        let chart = try HotellingT2Chart.individuals(data, phaseOne: 0..<15)
        // T²ᵢ = (xᵢ − x̄)ᵀ S⁻¹ (xᵢ − x̄) with x̄, S = np.cov of rows 0..14.
        Self.expectClose(
            chart.statistics,
            [
                4.160768115016278, 1.960208555840915, 1.8650452445668182, 2.3505544383774826, 1.9028988255235952, 0.8247507234328615,
                2.199086096406816, 2.2594960808450657, 4.211762887275303, 4.209942832971944, 0.2648425115141675, 4.205090651629581,
                0.3132042672388321, 4.961975667665191, 6.310373101695168, 2.1796993227521506, 3.4460459301592334, 37.18186152340098, 4.96062907763845,
                3.530325771644355,
            ])
        #expect(close(chart.alpha, 1 - (1 - 0.0027) * (1 - 0.0027) * (1 - 0.0027), relative: 1e-12))
        // (m−1)²/m · beta.ppf(1 − α, p/2, (m−p−1)/2) and p(m+1)(m−1)/(m² − mp) · f.ppf(1 − α, p, m−p), m = 15, p = 3.
        #expect(close(chart.upperLimitPhaseOne, 8.411205742907368, relative: 1e-10))
        #expect(close(chart.upperLimitPhaseTwo, 23.629724348990962, relative: 1e-10))
        #expect(chart.beyond == [17])
        // (x₁₇ⱼ − x̄ⱼ)²/sⱼⱼ: x3 8.22, x1 4.64, x2 0.073.
        let contribution = try #require(chart.contributions.first)
        #expect(chart.contributions.count == 1 && contribution.index == 17)
        #expect(contribution.variables.map(\.variable) == ["x3", "x1", "x2"])
        Self.expectClose(contribution.variables.map(\.value), [8.222978617745966, 4.636610363516648, 0.07349344254355984])
    }

    @Test func subgroupsMatchNumpy() throws {
        let data = try ObservationMatrix(variables: Self.names, values: MultivariateData.subgroups)
        let chart = try HotellingT2Chart.subgroups(data, size: 4, phaseOne: 0..<9)
        // T²ⱼ = n (x̄ⱼ − x̿)ᵀ S̄⁻¹ (x̄ⱼ − x̿), S̄ the mean of np.cov of subgroups 0..8.
        Self.expectClose(
            chart.statistics,
            [
                2.926354568610604, 1.4945786565111945, 2.161067837599644, 2.4817072442431423, 7.009059514403535, 3.121856743814274,
                2.8122802171693957, 5.535088667669751, 0.26729274679253445, 4.4600271462084295, 43.78326787710203, 3.005716773421142,
            ])
        // p(m∓1)(n−1)/(mn−m−p+1) · f.ppf(1 − α, p, mn−m−p+1), m = 9, n = 4, p = 3.
        #expect(close(chart.upperLimitPhaseOne, 14.1502528427149, relative: 1e-10))
        #expect(close(chart.upperLimitPhaseTwo, 17.68781605339363, relative: 1e-10))
        #expect(chart.beyond == [10])
        let contribution = try #require(chart.contributions.first)
        #expect(contribution.variables.map(\.variable) == ["x1", "x3", "x2"])
        Self.expectClose(contribution.variables.map(\.value), [11.232877660551594, 4.851702764238506, 0.1919293867777088])
    }

    @Test func badInputNamesTheCause() throws {
        let few = try ObservationMatrix(variables: Self.names, values: Array(MultivariateData.individuals[0..<12]))
        #expect(throws: SPCError.tooFewObservations(count: 4, variables: 3, minimum: 5)) { try HotellingT2Chart.individuals(few) }
        var constant = MultivariateData.individuals
        for row in 0..<20 { constant[row * 3 + 1] = 7 }
        let constantData = try ObservationMatrix(variables: Self.names, values: constant)
        #expect(throws: SPCError.constantVariables(["x2"])) { try HotellingT2Chart.individuals(constantData) }
        // x3 = 2·x1 − x2 exactly in every row: singular, and x3 is named with both of its parents.
        var collinear = MultivariateData.individuals
        for row in 0..<20 { collinear[row * 3 + 2] = 2 * collinear[row * 3] - collinear[row * 3 + 1] }
        let collinearData = try ObservationMatrix(variables: Self.names, values: collinear)
        #expect(throws: SPCError.collinearVariables(variable: "x3", others: ["x1", "x2"])) { try HotellingT2Chart.individuals(collinearData) }
        let data = try ObservationMatrix(variables: Self.names, values: MultivariateData.subgroups)
        #expect(throws: SPCError.self) { try HotellingT2Chart.subgroups(data, size: 5) }
        #expect(throws: SPCError.invalidPhaseOneWindow(lower: 0, upper: 13, count: 12)) {
            try HotellingT2Chart.subgroups(data, size: 4, phaseOne: 0..<13)
        }
        #expect(throws: SPCError.self) { try HotellingT2Chart.individuals(data, alpha: 1) }
        #expect(throws: SPCError.rowLengthMismatch(row: 1, count: 2, expected: 3)) {
            try ObservationMatrix(variables: Self.names, rows: [[1, 2, 3], [4, 5]])
        }
    }
}
