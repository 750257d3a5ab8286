import Foundation
import Logging
import Server
import Testing
import Time

/// `POST/GET/PUT/DELETE /api/v1/oee/machines`, and `/api/v1/oee` over a stored machine: an SME-style
/// shift of 5-minute rows with a loss of signal, a jam and a product change, checked by hand.
@Suite struct OEEMachineRoutesTests {
    static func seconds(_ time: String) -> Int64 { (RFC3339.parse("2026-03-02T\(time):00Z") ?? 0) / 1_000_000_000 }

    /// 5-minute rows 06:00-13:55 UTC of state and parts for `machine`, written with `?db=plant`
    /// (so every series carries `db=plant`), except 08:05-08:50 (signal lost). Product A from
    /// 06:00 makes 12 good per row, product B from 11:00 makes 6 good and 1 reject per row; no
    /// parts in the break 10:00-10:30 and while jammed 12:00-12:20.
    static func rows(machine: String) -> String {
        var lines: [String] = []
        for minute in stride(from: 6 * 60, to: 14 * 60, by: 5) {
            if minute > 8 * 60 && minute < 8 * 60 + 55 { continue }
            let time = seconds(String(format: "%02d:%02d", minute / 60, minute % 60))
            let jammed = minute >= 12 * 60 && minute < 12 * 60 + 20
            let inBreak = minute >= 10 * 60 && minute < 10 * 60 + 30
            let (good, reject) = jammed || inBreak ? (0, 0) : minute < 11 * 60 ? (12, 0) : (6, 1)
            lines.append("machine_state,machine=\(machine) state=\"\(jammed ? "DOWN:JAM" : "RUN")\" \(time)")
            lines.append("parts,machine=\(machine) good=\(good)i,reject=\(reject)i \(time)")
        }
        lines.append("product,machine=\(machine) id=\"A\" \(seconds("06:00"))")
        lines.append("product,machine=\(machine) id=\"B\" \(seconds("11:00"))")
        return lines.joined(separator: "\n")
    }

    static func series(_ measurement: String, _ field: String, machine: String, database: Bool = true) -> String {
        let tags = database ? "{\"machine\": \"\(machine)\", \"db\": \"plant\"}" : "{\"machine\": \"\(machine)\"}"
        return "{\"measurement\": \"\(measurement)\", \"tags\": \(tags), \"field\": \"\(field)\"}"
    }

    /// The machine document of `machine`; `extra` adds keys (each with a leading comma).
    static func document(_ machine: String, extra: String = "", database: Bool = true) -> String {
        """
        {"name": "\(machine)", "line": "L1", "ideal_cycle_s": 30, "staleness": "10m", "failure_reasons": ["JAM"],
         "state": \(series("machine_state", "state", machine: machine, database: database)),
         "counts": {"count_mode": "counts", "good": \(series("parts", "good", machine: machine, database: database)),
                    "reject": \(series("parts", "reject", machine: machine, database: database))},
         "product": \(series("product", "id", machine: machine, database: database)),
         "ideal_cycle_s_by_product": {"A": 20, "B": 40},
         "calendar": {"time_zone": "UTC", "shifts": [{"name": "Early", "start": "06:00", "end": "14:00",
                      "breaks": [{"start": "10:00", "end": "10:30"}]}]},
         "reason": "retrofit of \(machine)"\(extra)}
        """
    }

    static let day = "from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z"

    static func shiftRow(_ client: HTTPTestClient, machine: String) async throws -> [String: Any] {
        let response = try await client.get("/api/v1/oee?\(day)&machine=\(machine)")
        #expect(response.status == 200, "\(response.text)")
        return try #require((try response.json()["rows"] as? [[String: Any]])?.first)
    }

    static func codes(_ row: [String: Any]) -> [String] {
        (row["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func storedMachineWithSilenceJamAndProductChange() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write?db=plant&precision=s", text: Self.rows(machine: "M7")).status == 204)
            let created = try await client.post("/api/v1/oee/machines", text: Self.document("M7"))
            #expect(created.status == 201, "\(created.text)")
            let revision = try created.json()
            #expect(number(revision, "revision") == 1)
            #expect(revision["author"] as? String == "anonymous")
            #expect(revision["reason"] as? String == "retrofit of M7")

            let row = try await Self.shiftRow(client, machine: "M7")
            // Planned 480 - 30 = 450 min. Last sample before the silence 08:00, timeout 10 min:
            // NO_DATA 08:10-08:55 = 45 min; JAM 12:00-12:20 = 20 min; run 450 - 65 = 385 min.
            #expect(number(row, "planned_production_time_min") == 450)
            #expect(number(row, "run_time_min") == 385)
            let losses = try #require(row["losses_min"] as? [String: Any])
            #expect(losses["availability_by_reason"] as? [String: Int] == ["NO_DATA": 45, "JAM": 20])
            // A: 44 rows of 12 good (60 rows 06:00-10:55, less 10 silent and 6 in the break) at 20 s;
            // B: 32 rows of 6 good + 1 reject (36 rows 11:00-13:55, less 4 jammed) at 40 s.
            #expect(number(row, "good") == Double(44 * 12 + 32 * 6))
            #expect(number(row, "reject") == 32)
            let idealOfTotal = 44.0 * 12 * 20 + 32 * 7 * 40
            let idealOfGood = 44.0 * 12 * 20 + 32 * 6 * 40
            #expect(abs((number(row, "availability") ?? 0) - 385.0 / 450) < 1e-12)
            #expect(abs((number(row, "performance") ?? 0) - idealOfTotal / (385 * 60)) < 1e-12)
            #expect(abs((number(row, "oee") ?? 0) - idealOfGood / (450 * 60)) < 1e-12)
            #expect(Self.codes(row) == ["no_data"])
            // ISO 22400-2: one failure (JAM), MTBF = (APT + ASUT) / FE = 385 min, MTTR = 20 min;
            // ADET = 20 min (NO_DATA is not known busy time): technical efficiency 385 / 405.
            let iso = try #require(row["iso22400"] as? [String: Any])
            #expect(number(iso, "mtbf_min") == 385)
            #expect(number(iso, "mttr_min") == 20)
            #expect(abs((number(iso, "technical_efficiency") ?? 0) - 385.0 / 405) < 1e-12)
            let bigLosses = try #require(row["six_big_losses"] as? [String: Any])
            #expect(number(bigLosses, "breakdowns") == 65)
            #expect(abs((number(bigLosses, "production_rejects") ?? 0) - 32.0 * 40 / 60) < 1e-12)

            // Revision 2 with product A at 40 s: 44 x 12 x 40 s + 224 x 30 s > 385 min, performance > 1.
            let updated = try await client.send(
                method: "PUT", target: "/api/v1/oee/machines/M7", headers: [:],
                body: Array(Self.document("M7").replacingOccurrences(of: "{\"A\": 20, \"B\": 40}", with: "{\"A\": 40}").utf8))
            #expect(updated.status == 200, "\(updated.text)")
            let faster = try await Self.shiftRow(client, machine: "M7")
            #expect(abs((number(faster, "performance") ?? 0) - (44.0 * 12 * 40 + 224 * 30) / (385 * 60)) < 1e-12)
            #expect(Self.codes(faster) == ["performance_above_one", "no_data", "performance_above_one"])

            let history = try await client.get("/api/v1/oee/machines/M7")
            #expect((try history.json()["revisions"] as? [[String: Any]])?.count == 2)
            let first = try await client.get("/api/v1/oee/machines/M7?revision=1")
            let definition = try #require(try first.json()["definition"] as? [String: Any])
            let byProduct = try #require(definition["ideal_cycle_s_by_product"] as? [String: Any])
            #expect(number(byProduct, "A") == 20 && number(byProduct, "B") == 40)
            #expect(definition["staleness"] as? String == "10m")

            let deleted = try await client.send(method: "DELETE", target: "/api/v1/oee/machines/M7?reason=scrapped", headers: [:], body: [])
            #expect(deleted.status == 200)
            #expect(try await client.get("/api/v1/oee?\(Self.day)&machine=M7").status == 404)
            #expect(try await client.get("/api/v1/oee/machines/M7?revision=2").status == 200)
        }
    }

    @Test func refusalsNameTheKey() async throws {
        try await TestServer.with({ $0.machines = [OEERoutesTests.machine("M1", line: "L1")] }) { client, _ in
            #expect(try await client.post("/write?db=plant&precision=s", text: Self.rows(machine: "M7")).status == 204)
            let misspelt = try await client.post(
                "/api/v1/oee/machines", text: Self.document("M7").replacingOccurrences(of: "\"breaks\"", with: "\"brakes\""))
            #expect(misspelt.status == 400)
            #expect(misspelt.text.contains("calendar.shifts[0].brakes"))
            let wrongType = try await client.post(
                "/api/v1/oee/machines", text: Self.document("M7").replacingOccurrences(of: "\"staleness\": \"10m\"", with: "\"staleness\": 600"))
            #expect(wrongType.status == 400)
            #expect(wrongType.text.contains("staleness"))
            // Without the db tag that /write?db= added, the selectors match no series.
            let unmatched = try await client.post("/api/v1/oee/machines", text: Self.document("M7", database: false))
            #expect(unmatched.status == 400)
            #expect(unmatched.text.contains("state: no series") && unmatched.text.contains("db=plant"))
            // A machine of the configuration file cannot be defined over HTTP too.
            #expect(try await client.post("/write?db=plant&precision=s", text: Self.rows(machine: "M1")).status == 204)
            let twice = try await client.post("/api/v1/oee/machines", text: Self.document("M1"))
            #expect(twice.status == 409)
            #expect(try await client.post("/api/v1/oee/machines", text: Self.document("M7")).status == 201)
            #expect(try await client.post("/api/v1/oee/machines", text: Self.document("M7")).status == 409)
        }
    }

    @Test func machineInBothPlacesStopsTheStart() async throws {
        let directory = NSTemporaryDirectory() + "histd-oee-machines-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let statuses: [Int] = try await TestServer.with({ _ in }, dataDirectory: directory) { client, _ in
            let written = try await client.post("/write?db=plant&precision=s", text: Self.rows(machine: "M1"))
            let created = try await client.post("/api/v1/oee/machines", text: Self.document("M1"))
            return [written.status, created.status]
        }
        #expect(statuses == [204, 201])
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.port = 0
        configuration.machines = [OEERoutesTests.machine("M1", line: "L1")]
        let server = HistdServer(configuration: configuration, logger: Logger(label: "histd-test"))
        // The start fails before the server listens.
        await #expect {
            try await server.run(gracefulShutdownSignals: []) { _ in }
        } throws: { error in
            "\(error)".contains("M1") && "\(error)".contains("configuration file")
        }
    }
}
