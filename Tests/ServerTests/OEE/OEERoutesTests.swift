import Foundation
import Historian
import OEE
import Server
import Testing
import Time

/// `GET /api/v1/oee` on state and count events written through `/write`.
@Suite struct OEERoutesTests {
    /// The classic example of docs/oee.md (as in OEEJSONReportTests), the CLI's input.
    static let classicDocument = """
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

    static func seconds(_ text: String) -> Int64 { (RFC3339.parse(text) ?? 0) / 1_000_000_000 }

    /// The same events as line protocol for `machine`: states as strings `RUN` / `DOWN:REASON`,
    /// counts as integer fields `good` and `reject` of measurement `parts`.
    static func classicLines(machine: String) -> String {
        let states = [
            ("06:00", "RUN"), ("06:40", "DOWN:BREAKDOWN"), ("07:10", "RUN"), ("09:20", "DOWN:MATERIAL"), ("09:37", "RUN"),
        ].map { time, state in "machine_state,machine=\(machine) state=\"\(state)\" \(seconds("2026-01-05T\(time):00+01:00"))" }
        let counts = [("07:40", 10_000, 200), ("13:50", 8_848, 223)].map { time, good, reject in
            "parts,machine=\(machine) good=\(good)i,reject=\(reject)i \(seconds("2026-01-05T\(time):00+01:00"))"
        }
        return (states + counts).joined(separator: "\n")
    }

    static func machine(_ name: String, line: String) -> OEEMachineDefinition {
        OEEMachineDefinition(
            name: name, line: line,
            stateSeries: SeriesReference(measurement: "machine_state", tags: ["machine": name], field: "state"),
            counts: .counts(
                good: SeriesReference(measurement: "parts", tags: ["machine": name], field: "good"),
                reject: SeriesReference(measurement: "parts", tags: ["machine": name], field: "reject")),
            idealCycleSeconds: 1, microStopThresholdSeconds: 120,
            calendar: OEEShiftCalendarDefinition(
                timeZone: "Europe/Berlin",
                shifts: [
                    OEEShiftDefinition(
                        name: "Early", start: LocalTime(hour: 6), end: LocalTime(hour: 14),
                        breaks: [
                            .init(start: LocalTime(hour: 8), end: LocalTime(hour: 8, minute: 30)),
                            .init(start: LocalTime(hour: 11), end: LocalTime(hour: 11, minute: 30)),
                        ])
                ]))
    }

    static let day = "from=2026-01-05T00:00:00%2B01:00&to=2026-01-06T00:00:00%2B01:00"

    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.machines = [machine("M1", line: "L1"), machine("M2", line: "L1")]
    }

    static func answer(_ query: String, _ client: HTTPTestClient) async throws -> [String: Any] {
        let response = try await client.get("/api/v1/oee?\(query)")
        #expect(response.status == 200, "\(response.status): \(response.text)")
        return try response.json()
    }

    @Test func classicExampleMatchesTheCLI() async throws {
        try await TestServer.with(Self.configure) { client, _ in
            #expect(try await client.post("/write?precision=s", text: Self.classicLines(machine: "M1")).status == 204)
            let answer = try await Self.answer("\(Self.day)&machine=M1&by=shift", client)
            let rows = try #require(answer["rows"] as? [[String: Any]])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            // A = 373/420, P = 19,271 s / 22,380 s, Q = 18,848/19,271 (docs/oee.md, classic example).
            #expect(abs((number(row, "availability") ?? 0) - 373.0 / 420.0) < 1e-12)
            #expect(abs((number(row, "performance") ?? 0) - 19_271.0 / 22_380.0) < 1e-12)
            #expect(abs((number(row, "quality") ?? 0) - 18_848.0 / 19_271.0) < 1e-12)
            #expect(row["machine"] as? String == "M1")
            #expect(row["line"] as? String == "L1")
            #expect(row["day"] as? String == "2026-01-05")
            #expect(row["start"] as? String == "2026-01-05T05:00:00Z")
            #expect(row["end"] as? String == "2026-01-05T13:00:00Z")
            // Every key the CLI prints has the CLI's value.
            let cli = try #require((try jsonObject(OEEJSONReport.evaluate(Data(Self.classicDocument.utf8))) as? [[String: Any]])?.first)
            for key in cli.keys.sorted() {
                #expect(jsonEqual(row[key], cli[key]), "key \(key) differs from histd oee")
            }
            // Pareto: BREAKDOWN 30 min, MATERIAL 17 min of 47.
            let pareto = try #require(row["pareto"] as? [[String: Any]])
            #expect(pareto.compactMap { $0["reason"] as? String } == ["BREAKDOWN", "MATERIAL"])
            #expect(number(pareto[0], "lost_min") == 30)
            #expect(abs((number(pareto[0], "share") ?? 0) - 30.0 / 47.0) < 1e-12)
            #expect(number(pareto[1], "cumulative_share") == 1)
            let total = try #require(answer["total"] as? [String: Any])
            #expect(jsonEqual(total["oee"], cli["oee"]))
        }
    }

    /// The machine's series are read under the server's points limit: past it, 422 names the machine.
    @Test func samplesBeyondThePointsLimitAreRefusedNamingTheMachine() async throws {
        try await TestServer.with({ configuration in
            Self.configure(&configuration)
            configuration.limits.maxQueryPoints = 6
        }) { (client, _) async throws in
            #expect(try await client.post("/write?precision=s", text: Self.classicLines(machine: "M1")).status == 204)
            // Five states and two samples of each count: nine samples of M1 in the day.
            let refused = try await client.get("/api/v1/oee?\(Self.day)&machine=M1")
            #expect(refused.status == 422 && refused.text.contains("machine M1: the range holds more samples"), "\(refused.text)")
        }
        try await TestServer.with({ configuration in
            Self.configure(&configuration)
            configuration.limits.maxQueryPoints = 9
        }) { (client, _) async throws in
            #expect(try await client.post("/write?precision=s", text: Self.classicLines(machine: "M1")).status == 204)
            #expect(try await client.get("/api/v1/oee?\(Self.day)&machine=M1").status == 200)
        }
    }

    @Test func rollUpsSumTimesAndCounts() async throws {
        try await TestServer.with(Self.configure) { client, _ in
            // M2 runs the same shift; in addition it is down for SETUP from 13:00 to 13:20.
            let m2 =
                Self.classicLines(machine: "M2") + "\nmachine_state,machine=M2 state=\"SETUP\" \(Self.seconds("2026-01-05T13:00:00+01:00"))"
                + "\nmachine_state,machine=M2 state=\"RUN\" \(Self.seconds("2026-01-05T13:20:00+01:00"))"
            #expect(try await client.post("/write?precision=s", text: Self.classicLines(machine: "M1") + "\n" + m2).status == 204)
            let byMachine = try #require(try await Self.answer("\(Self.day)&by=machine", client)["rows"] as? [[String: Any]])
            #expect(byMachine.compactMap { $0["group"] as? String } == ["M1", "M2"])
            // M2: run time 373 - 20 = 353 min of 420.
            #expect(number(byMachine[1], "run_time_min") == 353)
            let byLine = try await Self.answer("\(Self.day)&by=line", client)
            let line = try #require((byLine["rows"] as? [[String: Any]])?.first)
            #expect(line["group"] as? String == "L1")
            // Summed, not averaged: (373 + 353) / (420 + 420) and ideal 2 x 18,848 s / 2 x 25,200 s.
            #expect(number(line, "planned_production_time_min") == 840)
            #expect(abs((number(line, "availability") ?? 0) - 726.0 / 840.0) < 1e-12)
            #expect(abs((number(line, "oee") ?? 0) - 37_696.0 / 50_400.0) < 1e-12)
            #expect(byLine["machines"] as? [String] == ["M1", "M2"])
            let byDay = try #require((try await Self.answer("\(Self.day)&by=day", client)["rows"] as? [[String: Any]])?.first)
            #expect(byDay["group"] as? String == "2026-01-05")
            #expect(number(byDay, "good") == 37_696)
            // Pareto over both machines: BREAKDOWN 60 min (2 stops), MATERIAL 34, SETUP 20; of 114.
            let reasons = try #require(try await Self.answer("\(Self.day)&by=reason", client)["rows"] as? [[String: Any]])
            #expect(reasons.compactMap { $0["reason"] as? String } == ["BREAKDOWN", "MATERIAL", "SETUP"])
            #expect(reasons.compactMap { number($0, "lost_min") } == [60, 34, 20])
            #expect(reasons.compactMap { number($0, "occurrences") } == [2, 2, 1])
            #expect(abs((number(reasons[1], "cumulative_share") ?? 0) - 94.0 / 114.0) < 1e-12)
            let byName = try #require((try await Self.answer("\(Self.day)&by=shift_name", client)["rows"] as? [[String: Any]])?.first)
            #expect(byName["group"] as? String == "Early")
            #expect(number(byName, "planned_production_time_min") == 840)
        }
    }

    @Test func integerStateCodesThroughTheMapping() async throws {
        var machine = Self.machine("M3", line: "L2")
        machine.stateSeries = SeriesReference(measurement: "plc", tags: ["machine": "M3"], field: "code")
        machine.stateMapping = [
            "1": OEEStateMapping(state: .run), "7": OEEStateMapping(state: .down, reason: "BREAKDOWN"),
            "9": OEEStateMapping(state: .down, reason: "MATERIAL"),
        ]
        machine.counts = .counters(
            good: SeriesReference(measurement: "plc", tags: ["machine": "M3"], field: "good_counter"), reject: nil, modulus: 65_536)
        let lines =
            [("05:00", 1), ("06:40", 7), ("07:10", 1), ("09:20", 9), ("09:37", 1)].map { time, code in
                "plc,machine=M3 code=\(code)i \(Self.seconds("2026-01-05T\(time):00+01:00"))"
            }
            + [("05:30", 60_000), ("07:40", 4_464), ("13:50", 13_312)].map { time, reading in
                // 60,000 before the shift is the baseline; the counter wraps at 65,536:
                // 65,536 - 60,000 + 4,464 = 10,000 parts, then 13,312 - 4,464 = 8,848.
                "plc,machine=M3 good_counter=\(reading)i \(Self.seconds("2026-01-05T\(time):00+01:00"))"
            }
        try await TestServer.with({ $0.machines = [machine] }) { client, _ in
            #expect(try await client.post("/write?precision=s", text: lines.joined(separator: "\n")).status == 204)
            let row = try #require((try await Self.answer(Self.day, client)["rows"] as? [[String: Any]])?.first)
            #expect(number(row, "good") == 18_848)
            #expect(number(row, "reject") == 0)
            // The state before the shift (RUN since 05:00) carries in: run time 373 of 420 min.
            #expect(number(row, "run_time_min") == 373)
        }
    }

    @Test func unknownStateValueIsNamed() async throws {
        try await TestServer.with(Self.configure) { client, _ in
            let bad = "machine_state,machine=M1 state=\"IDLE\" \(Self.seconds("2026-01-05T07:00:00+01:00"))"
            #expect(try await client.post("/write?precision=s", text: Self.classicLines(machine: "M1") + "\n" + bad).status == 204)
            let response = try await client.get("/api/v1/oee?\(Self.day)&machine=M1")
            #expect(response.status == 422)
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains("IDLE") && message.contains("M1") && message.contains("2026-01-05T06:00:00"))
        }
    }

    @Test func machineWithoutDataIsAllNoData() async throws {
        try await TestServer.with(Self.configure) { client, _ in
            let row = try #require((try await Self.answer("\(Self.day)&machine=M2", client)["rows"] as? [[String: Any]])?.first)
            #expect(number(row, "availability") == 0)
            let losses = try #require(row["losses_min"] as? [String: Any])
            #expect(losses["availability_by_reason"] as? [String: Int] == ["NO_DATA": 420])
        }
    }

    @Test func calendarSkipsNonScheduledWeekdaysAndDates() async throws {
        var machine = Self.machine("M1", line: "L1")
        machine.calendar.nonScheduledWeekdays = [6, 7]
        machine.calendar.nonScheduledDates = [LocalDate(year: 2026, month: 1, day: 6)]
        machine.calendar.shifts.append(OEEShiftDefinition(name: "Night", start: LocalTime(hour: 22), end: LocalTime(hour: 6)))
        try await TestServer.with({ $0.machines = [machine] }) { client, _ in
            // Monday 2026-01-05 to Monday 2026-01-12 (CET): Saturday, Sunday and Tuesday 6 January are
            // off, leaving Mon, Wed, Thu, Fri with an Early and a Night shift each.
            let answer = try await Self.answer("from=2026-01-05T00:00:00%2B01:00&to=2026-01-12T00:00:00%2B01:00", client)
            let rows = try #require(answer["rows"] as? [[String: Any]])
            #expect(
                rows.compactMap { $0["day"] as? String } == [
                    "2026-01-05", "2026-01-05", "2026-01-07", "2026-01-07", "2026-01-08", "2026-01-08", "2026-01-09", "2026-01-09",
                ])
            #expect(rows.compactMap { $0["shift"] as? String } == Array(repeating: ["Early", "Night"], count: 4).flatMap { $0 })
            // The Friday night shift runs 22:00 to 06:00 on Saturday: 480 planned minutes (no breaks).
            #expect(number(rows[7], "planned_production_time_min") == 480)
            #expect(rows[7]["end"] as? String == "2026-01-10T05:00:00Z")
        }
    }

    @Test func shiftInProgressReportsItsTimeSoFar() async throws {
        var machine = Self.machine("M1", line: "L1")
        machine.calendar = OEEShiftCalendarDefinition(
            timeZone: "UTC", shifts: [OEEShiftDefinition(name: "Day", start: LocalTime(hour: 0), end: LocalTime(hour: 0))])
        let now = Int64(Date().timeIntervalSince1970)
        let midnight = now - now % 86_400
        try await TestServer.with({ $0.machines = [machine] }) { client, _ in
            #expect(try await client.post("/write?precision=s", text: "machine_state,machine=M1 state=\"RUN\" \(midnight)").status == 204)
            let row = try #require((try await Self.answer("from=\(midnight)s&to=\(midnight + 86_400)s", client)["rows"] as? [[String: Any]])?.first)
            // The 24 h shift started at midnight: planned time is the time elapsed since, not 1,440 min,
            // and the machine has run all of it.
            let planned = try #require(number(row, "planned_production_time_min"))
            let elapsed = Double(Int64(Date().timeIntervalSince1970) - midnight) / 60
            #expect(planned <= elapsed + 1.0 / 60)
            #expect(planned < 1_440)
            #expect(number(row, "run_time_min") == planned)
        }
    }

    @Test(arguments: [
        ("\(day)&by=week", 400, "by"),
        ("to=2026-01-06T00:00:00Z", 400, "from"),
        ("from=yesterday", 400, "from"),
        ("from=0&to=2026-01-06T00:00:00Z", 400, "from/to"),
        ("\(day)&machine=M9", 404, "M9"),
        ("\(day)&machines=M1", 400, "machines"),
    ])
    func badParameters(_ query: String, _ status: Int, _ named: String) async throws {
        try await TestServer.with(Self.configure) { client, _ in
            let response = try await client.get("/api/v1/oee?\(query)")
            #expect(response.status == status, "\(query): \(response.status) \(response.text)")
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains(named), "\(query): '\(message)' does not name \(named)")
        }
    }

    @Test func invalidMachineDefinitionsAreRefusedByValidation() {
        var configuration = ServerConfiguration()
        var machine = Self.machine("M1", line: "L1")
        machine.calendar.timeZone = "Mars/Olympus"
        configuration.machines = [machine]
        #expect(throws: ConfigurationError.invalid(key: "machines[0].time_zone", message: "unknown time zone 'Mars/Olympus'")) {
            try configuration.validate()
        }
        configuration.machines = [Self.machine("M1", line: "L1"), Self.machine("M1", line: "L2")]
        #expect(throws: ConfigurationError.invalid(key: "machines[1].name", message: "machine name 'M1' is used twice")) {
            try configuration.validate()
        }
        machine = Self.machine("M1", line: "L1")
        machine.idealCycleSeconds = 0
        configuration.machines = [machine]
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.machines = [Self.machine("M1", line: "L1")]
        #expect(throws: Never.self) { try configuration.validate() }
    }
}
