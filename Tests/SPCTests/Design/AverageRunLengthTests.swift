import Testing

@testable import SPC

/// ARLs against Knoth's R package `spc` (Tests/SPCTests/Support/References/average_run_length.R:
/// `xewma.arl(l, c, mu, sided = "two", r = 400)`, `xcusum.arl(k, h, mu, hs, sided = "two", r = 400)`,
/// `xewma.crit(l, L0, sided = "two", r = 400)`, `xcusum.crit(k, L0, sided = "two", r = 400)`, and for a head start of
/// half of h `uniroot(function(h) xcusum.arl(0.25, h, 0, hs = 0.5 * h, sided = "two", r = 400) - 200, c(3, 10), tol = 1e-13)`;
/// r = 800 agrees to 12 digits or more). R's `hs` is the head start in sigma units, here f·h.)
@Suite struct AverageRunLengthTests {
    @Test(arguments: [
        (0.1, 2.814, 0.0, 499.579550082535), (0.1, 2.814, 1, 10.3306651552231), (0.05, 2.615, 0.5, 28.7637279991407),
        (0.2, 2.962, 2, 3.74343906053944), (0.5, 3.071, 0, 499.906013910734), (1, 3, 0, 370.398347344941),
        (0.01, 2.2, 0, 792.281570653232), (0.02, 2.5, 0.25, 88.5996172036385),
    ])
    func ewmaMatchesSpc(reference: (lambda: Double, limitMultiple: Double, shift: Double, expected: Double)) throws {
        let (lambda, limitMultiple, shift, expected) = reference
        let arl = try EWMAAverageRunLength.arl(lambda: lambda, limitMultiple: limitMultiple, shift: shift)
        #expect(close(arl, expected, relative: 1e-8), "\(arl)")
        // The chart is symmetric: a downward shift has the same ARL.
        #expect(close(try EWMAAverageRunLength.arl(lambda: lambda, limitMultiple: limitMultiple, shift: -shift), arl, relative: 1e-10))
    }

    @Test(arguments: [
        (0.5, 4.0, 0.0, 0.0, 167.68378881361), (0.5, 4, 1, 0, 8.38313187049512), (0.5, 5, 0, 0, 465.443506032),
        (0.5, 5, 1, 0.5, 6.34685046832545), (0.25, 8, 0.5, 0, 28.7623754838493), (1, 2.5, 2, 0.4, 2.33980660269877),
        (0.5, 4, 0, 0.5, 148.695649990613),
    ])
    func cusumMatchesSpc(reference: (k: Double, h: Double, shift: Double, headStart: Double, expected: Double)) throws {
        let (k, h, shift, headStart, expected) = reference
        let arl = try CUSUMAverageRunLength.arl(k: k, h: h, headStart: headStart, shift: shift)
        #expect(close(arl, expected, relative: 1e-8), "\(arl)")
    }

    @Test func designInverses() throws {
        #expect(close(try EWMAAverageRunLength.limitMultiple(lambda: 0.1, inControlARL: 370), 2.70104615149732, relative: 1e-8))
        #expect(close(try EWMAAverageRunLength.limitMultiple(lambda: 0.05, inControlARL: 500), 2.61505456630508, relative: 1e-8))
        #expect(close(try CUSUMAverageRunLength.decisionInterval(k: 0.5, inControlARL: 370), 4.77383370688022, relative: 1e-8))
        #expect(
            close(try CUSUMAverageRunLength.decisionInterval(k: 0.25, inControlARL: 200, headStart: 0.5), 7.18747803584106, relative: 1e-8))
    }

    @Test func badParametersAreNamed() {
        #expect(throws: SPCError.invalidParameter(name: "lambda", value: 0, reason: "must be in [0.005, 1]")) {
            try EWMAAverageRunLength.arl(lambda: 0, limitMultiple: 3, shift: 0)
        }
        #expect(throws: SPCError.invalidParameter(name: "head-start", value: 1, reason: "must be in [0, 1) (a fraction of h)")) {
            try CUSUMAverageRunLength.arl(k: 0.5, h: 4, headStart: 1, shift: 0)
        }
        #expect(throws: SPCError.self) { try EWMAAverageRunLength.arl(lambda: 0.1, limitMultiple: 20, shift: 0) }
        #expect(throws: SPCError.self) { try CUSUMAverageRunLength.decisionInterval(k: 0.5, inControlARL: 1) }
    }
}
