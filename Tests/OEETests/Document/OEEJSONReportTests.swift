import Foundation
import Testing

@testable import OEE

/// The JSON contract of `histd oee`.
@Suite struct OEEJSONReportTests {
    /// The classic example (see ClassicExampleTests) written as the CLI's input, in CET.
    static let classic = """
        {
          "ideal_cycle_s": 1.0,
          "micro_stop_threshold_s": 120,
          "shifts": [
            {"name": "Early", "start": "2026-01-05T06:00:00+01:00", "end": "2026-01-05T14:00:00+01:00",
             "breaks": [{"start": "2026-01-05T08:00:00+01:00", "end": "2026-01-05T08:30:00+01:00"},
                        {"start": "2026-01-05T11:00:00+01:00", "end": "2026-01-05T11:30:00+01:00"}]}
          ],
          "state_events": [
            {"ts": "2026-01-05T06:00:00+01:00", "state": "RUN"},
            {"ts": "2026-01-05T06:40:00+01:00", "state": "DOWN", "reason": "BREAKDOWN"},
            {"ts": "2026-01-05T07:10:00+01:00", "state": "RUN"},
            {"ts": "2026-01-05T09:20:00+01:00", "state": "DOWN", "reason": "MATERIAL"},
            {"ts": "2026-01-05T09:37:00+01:00", "state": "RUN"}
          ],
          "count_events": [
            {"ts": "2026-01-05T07:40:00+01:00", "good": 10000, "reject": 200},
            {"ts": "2026-01-05T13:50:00+01:00", "good": 8848, "reject": 223}
          ]
        }
        """

    func evaluate(_ json: String) throws -> [[String: Any]] {
        let output = try OEEJSONReport.evaluate(Data(json.utf8))
        return try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
    }

    func error(of json: String) -> OEEDocumentError? {
        do {
            _ = try OEEJSONReport.evaluate(Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    func number(_ object: [String: Any], _ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }

    @Test func classicExampleThroughJSON() throws {
        let shift = try #require(try evaluate(Self.classic).first)
        #expect(shift["shift"] as? String == "Early")
        #expect(number(shift, "planned_production_time_min") == 420)
        #expect(number(shift, "run_time_min") == 373)
        #expect(number(shift, "good") == 18_848)
        #expect(number(shift, "reject") == 423)
        #expect(number(shift, "total") == 19_271)
        #expect(agree(number(shift, "availability"), 373.0 / 420.0))
        #expect(agree(number(shift, "performance"), 19_271.0 / 22_380.0))
        #expect(agree(number(shift, "quality"), 18_848.0 / 19_271.0))
        #expect(agree(number(shift, "oee"), 18_848.0 / 25_200.0))
        // TEEP against the 480 min shift: 18,848 s / 28,800 s.
        #expect(agree(number(shift, "teep"), 18_848.0 / 28_800.0))
        let losses = try #require(shift["losses_min"] as? [String: Any])
        #expect(number(losses, "availability_total") == 47)
        #expect(losses["availability_by_reason"] as? [String: Int] == ["BREAKDOWN": 30, "MATERIAL": 17])
        // 47 + (373 - 19,271/60) + 423/60 + 18,848/60 = 420 minutes.
        let parts = ["availability_total", "performance_total", "quality", "fully_productive"].compactMap {
            number(losses, $0)
        }
        #expect(parts.count == 4)
        #expect(abs(parts.reduce(0, +) - 420) < 1e-9)
        let iso = try #require(shift["iso22400"] as? [String: Any])
        #expect(
            Set(iso.keys) == [
                "availability", "effectiveness", "quality_ratio", "oee_index", "utilization_efficiency", "nee_index", "setup_ratio",
                "technical_efficiency", "scrap_ratio", "mtbf_min", "mttr_min",
            ])
        // Two failures: MTBF = 373 / 2 min, MTTR = 47 / 2 min; scrap ratio = 423 / 19,271.
        #expect(number(iso, "mtbf_min") == 186.5)
        #expect(number(iso, "mttr_min") == 23.5)
        #expect(agree(number(iso, "scrap_ratio"), 423.0 / 19_271.0))
    }

    @Test func teepCalendarAndNullRatios() throws {
        let json = """
            {"ideal_cycle_s": 2, "teep_calendar_min": 1440,
             "shifts": [{"name": "A", "start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z"}],
             "state_events": [{"ts": "2026-01-05T06:00:00Z", "state": "DOWN"}], "count_events": []}
            """
        let shift = try #require(try evaluate(json).first)
        #expect(shift["performance"] is NSNull)
        #expect(shift["quality"] is NSNull)
        #expect(number(shift, "oee") == 0)
        #expect(number(shift, "teep") == 0)
        let losses = try #require(shift["losses_min"] as? [String: Any])
        #expect(losses["availability_by_reason"] as? [String: Int] == ["UNSPECIFIED": 480])
    }

    @Test func unknownStateNamesTheEvent() {
        let json = Self.classic.replacingOccurrences(
            of: #""state": "DOWN", "reason": "MATERIAL""#, with: #""state": "IDLE""#)
        #expect(
            error(of: json)
                == OEEDocumentError(item: "state_events[3].state", message: OEEError.unknownState("IDLE").description))
    }

    @Test func breakOutsideItsShiftNamesTheBreak() {
        let json = Self.classic.replacingOccurrences(of: "2026-01-05T11:30:00+01:00", with: "2026-01-05T14:30:00+01:00")
        #expect(error(of: json)?.item == "shifts[0].breaks[1]")
    }

    @Test func overlappingShiftsNameBoth() {
        let json = """
            {"ideal_cycle_s": 1, "shifts": [
              {"name": "Early", "start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z"},
              {"name": "Late", "start": "2026-01-05T13:00:00Z", "end": "2026-01-05T22:00:00Z"}]}
            """
        let failure = error(of: json)
        #expect(failure?.item == "shifts[1]")
        #expect(failure?.message.contains("shifts[0]") == true)
    }

    @Test func negativeCountNamesTheEvent() {
        let json = Self.classic.replacingOccurrences(of: #""reject": 223"#, with: #""reject": -223"#)
        #expect(error(of: json) == OEEDocumentError(item: "count_events[1].reject", message: "negative count -223"))
    }

    @Test func malformedInputNamesTheKey() {
        let badTime = Self.classic.replacingOccurrences(of: "2026-01-05T07:10:00+01:00", with: "07:10")
        #expect(error(of: badTime)?.item == "state_events[2].ts")
        let missing = Self.classic.replacingOccurrences(of: #""ideal_cycle_s": 1.0,"#, with: "")
        #expect(error(of: missing)?.message.contains("ideal_cycle_s") == true)
        let mistyped = Self.classic.replacingOccurrences(of: #""good": 10000"#, with: #""good": "many""#)
        #expect(error(of: mistyped)?.item == "count_events[0].good")
        #expect(error(of: "{")?.message.contains("malformed JSON") == true)
        let zeroCycle = Self.classic.replacingOccurrences(of: #""ideal_cycle_s": 1.0"#, with: #""ideal_cycle_s": 0"#)
        #expect(error(of: zeroCycle)?.item == "ideal_cycle_s")
        let hugeCalendar = Self.classic.replacingOccurrences(
            of: #""ideal_cycle_s": 1.0,"#, with: #""ideal_cycle_s": 1.0, "teep_calendar_min": 1e12,"#)
        #expect(error(of: hugeCalendar)?.item == "teep_calendar_min")
    }
}
