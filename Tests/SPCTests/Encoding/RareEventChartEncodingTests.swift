import Foundation
import Testing

@testable import SPC

/// The keys the Laney, t and Z-MR charts add to the chart JSON (docs/spc.md): `sigma_z`, `distribution`,
/// `sigma_by` and `parts`.
@Suite struct RareEventChartEncodingTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: SPCJSON.encode(value)) as? [String: Any])
    }

    let common: Set<String> = [
        "type", "center", "lcl", "ucl", "sigma", "sigma_method", "statistics", "beyond", "violations", "phase1", "excluded", "episodes", "warnings",
    ]

    @Test func eachChartAddsItsKeys() throws {
        let laney = try object(LaneyChart.u(defects: [3, 9, 4, 12], units: [1, 2, 1, 2]))
        #expect(Set(laney.keys) == common.union(["sigma_z"]))
        let g = try object(UnitsBetweenEventsChart.analyze([3, 9, 4, 12]))
        #expect(Set(g.keys) == common)
        #expect(g["sigma_method"] as? String == "geometric")
        let t = try object(TimeBetweenEventsChart.analyze([3, 9, 4, 12]))
        #expect(Set(t.keys) == common.union(["distribution"]))
        let fit = try #require(t["distribution"] as? [String: Any])
        #expect(Set(fit.keys) == ["type", "shape", "scale", "rate"])
        let weibull = try #require(
            try object(TimeBetweenEventsChart.analyze([3, 9, 4, 12], distribution: .weibull))["distribution"] as? [String: Any])
        #expect(Set(weibull.keys) == ["type", "shape", "scale"])
        let zmr = try object(ShortRunChart.zmr(parts: ["A", "B", "A", "B"], values: [1, 5, 2, 7]))
        #expect(Set(zmr.keys) == common.union(["secondary", "sigma_by", "parts"]))
        let parts = try #require(zmr["parts"] as? [[String: Any]])
        #expect(parts.map { Set($0.keys) } == [["part", "count", "mean", "sigma"], ["part", "count", "mean", "sigma"]])
        #expect((zmr["secondary"] as? [String: Any])?["type"] as? String == "mr")
    }
}
