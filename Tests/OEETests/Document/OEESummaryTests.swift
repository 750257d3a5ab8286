import Foundation
import Testing

@testable import OEE

/// `OEESummary`: the per-shift object of `histd oee`, shared with the daemon, and the Pareto's JSON.
@Suite struct OEESummaryTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// 8 h planned, down 2 h for JAM and 30 min for MATERIAL (2 stops each), 20,000 good at 1 s.
    func figures() -> OEEFigures {
        var figures = OEEFigures()
        figures.plannedProductionTime = 8 * 3_600_000_000_000
        figures.runTime = figures.plannedProductionTime - 9_000_000_000_000
        figures.downtimeByReason = ["JAM": 7_200_000_000_000, "MATERIAL": 1_800_000_000_000]
        figures.stopCountByReason = ["JAM": 2, "MATERIAL": 2]
        figures.good = 20_000
        figures.idealTimeOfGood = 20_000_000_000_000
        figures.calendarTime = figures.plannedProductionTime
        return figures
    }

    @Test func contextKeysAppearOnlyWhenSet() throws {
        let result = OEEResult(figures: figures())
        let plain = try object(OEESummary(result))
        let cliKeys: Set<String> = [
            "planned_production_time_min", "run_time_min", "good", "reject", "total", "availability", "performance",
            "quality", "oee", "oee_index", "losses_min", "six_big_losses", "iso22400", "teep", "warnings",
        ]
        #expect(Set(plain.keys) == cliKeys)
        var summary = OEESummary(result)
        summary.machine = "M1"
        summary.line = "L1"
        summary.group = "L1"
        summary.pareto = DowntimePareto(figures: result.figures)
        let full = try object(summary)
        #expect(Set(full.keys) == cliKeys.union(["machine", "line", "group", "pareto"]))
        // 330 min run of 480 planned.
        #expect(full["run_time_min"] as? Double == 330)
    }

    @Test func paretoEncodesMinutesAndShares() throws {
        let data = try JSONEncoder().encode(DowntimePareto(figures: figures()))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(entries.compactMap { $0["reason"] as? String } == ["JAM", "MATERIAL"])
        // 120 and 30 minutes of 150: shares 0.8 and 0.2.
        #expect(entries.compactMap { ($0["lost_min"] as? NSNumber)?.doubleValue } == [120, 30])
        #expect(entries.compactMap { ($0["occurrences"] as? NSNumber)?.intValue } == [2, 2])
        #expect(agree((entries[0]["share"] as? NSNumber)?.doubleValue, 0.8))
        #expect((entries[1]["cumulative_share"] as? NSNumber)?.doubleValue == 1)
        #expect(Set(entries[0].keys) == ["reason", "lost_min", "occurrences", "share", "cumulative_share"])
    }
}
