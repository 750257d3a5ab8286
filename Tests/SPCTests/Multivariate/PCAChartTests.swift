import Testing

@testable import SPC

/// Expected values: numpy 2.4 / scipy 1.17 in Support/References/multivariate.py (np.corrcoef,
/// np.linalg.eigh, scipy.stats.f.ppf and norm.ppf with the Jackson–Mudholkar formula), pasted as printed.
@Suite struct PCAChartTests {
    static let names = ["a", "b", "c", "d", "e"]

    @Test func matchesNumpy() throws {
        let data = try ObservationMatrix(variables: Self.names, values: MultivariateData.pca)
        let chart = try PCAChart.analyze(data, components: .count(2), phaseOne: 0..<30)
        #expect(chart.components == 2)
        HotellingT2ChartTests.expectClose(
            chart.eigenvalues, [2.044869116058204, 1.4567392416654847, 1.144255928700277, 0.3540183675772406, 0.00011734599879380768], relative: 1e-8)
        HotellingT2ChartTests.expectClose(
            chart.t2,
            [
                0.6703294201592038, 0.7671665281178742, 0.05994022304352567, 1.3009780284731782, 1.2893188065220795, 6.774822379808246,
                1.9273983315457568, 2.3471163969611744, 3.1896441688031563, 0.3574961420944749, 1.4442603181056304, 0.7189589711651823,
                0.8683646235071362, 5.692157813087797, 7.820361983766898, 5.6176001553432755, 2.3549288704106854, 0.3017873559378168,
                2.3222871212593574, 0.7086329317829743, 0.13600667205129144, 2.8642242453358957, 0.5171372757182019, 0.13175575958250024,
                1.3424567323001413, 1.2759528669032194, 2.483394052183452, 0.8327048284512447, 1.3288399612182984, 0.5539770363603133,
                8.630376854366578, 8.260069657587742, 0.9115837860219587, 0.13942181310493149, 9.296416836315903, 2.0766383868164797,
                2.847395514017556, 0.28988134844356206, 1.16206915858423, 3.19559265550488,
            ])
        HotellingT2ChartTests.expectClose(
            chart.spe,
            [
                0.3844696516325835, 0.44341980720779955, 0.13069529907410143, 2.13138437784676, 3.360849735068731, 0.8911363112448996,
                0.9383148930832879, 1.2531324941177837, 0.2466315342502407, 0.2595720811210314, 0.60814214962059, 0.4506848657256788,
                0.2541631657250255, 1.567802010526152, 1.7094039734905229, 1.3789930761411489, 0.05523695534573546, 3.297139800510874,
                0.6001608078773515, 1.1590703151127704, 0.3308693133248014, 0.2790649052227301, 7.456265883808154, 1.413020155816519,
                3.485971732439017, 6.716653018605077, 0.6744192898427943, 0.7833593611445151, 0.8164270633892455, 0.376903597697128,
                0.5374318975036498, 6.95228724561211, 4.811925484673122, 1.7982926313649092, 1.599730763649195, 8.802507907147247, 1.0520712759278352,
                2.564783812835992, 0.16047990765093365, 2.5496203146089664,
            ], relative: 1e-8)
        // k(m² − 1)/(m(m − k)) · f.ppf(0.99, 2, 28), m = 30.
        #expect(close(chart.t2Limit, 11.671881648048355, relative: 1e-10))
        #expect(close(chart.speLimit, 8.36682562021732, relative: 1e-8))
        #expect(chart.beyondT2 == [])
        #expect(chart.beyondSPE == [35])
        let contribution = try #require(chart.speContributions.first)
        #expect(contribution.index == 35 && contribution.variables.map(\.variable) == ["e", "d", "c", "a", "b"])
        HotellingT2ChartTests.expectClose(
            contribution.variables.map(\.value),
            [6.310144516438142, 1.5966938782600841, 0.7372394416451267, 0.09665786719703268, 0.0617722036068609],
            relative: 1e-8)
        #expect(close(chart.explainedVariance, 0.7003216715447378, relative: 1e-10))
    }

    @Test func varianceFractionChoosesTheFewestComponents() throws {
        let data = try ObservationMatrix(variables: Self.names, values: MultivariateData.pca)
        // Cumulative shares from numpy: 0.409, 0.700, 0.929, 0.99998, 1.
        #expect(try PCAChart.analyze(data, components: .varianceFraction(0.7), phaseOne: 0..<30).components == 2)
        #expect(try PCAChart.analyze(data, components: .varianceFraction(0.9), phaseOne: 0..<30).components == 3)
        #expect(try PCAChart.analyze(data, components: .varianceFraction(0.95), phaseOne: 0..<30).components == 4)
        #expect(try PCAChart.analyze(data, components: .varianceFraction(0.4), phaseOne: 0..<30).components == 1)
        #expect(throws: SPCError.self) { try PCAChart.analyze(data, components: .varianceFraction(1), phaseOne: 0..<30) }
        #expect(throws: SPCError.self) { try PCAChart.analyze(data, components: .count(5)) }
        #expect(throws: SPCError.tooFewObservations(count: 5, variables: 5, minimum: 6)) {
            try PCAChart.analyze(data, components: .count(2), phaseOne: 0..<5)
        }
    }
}
