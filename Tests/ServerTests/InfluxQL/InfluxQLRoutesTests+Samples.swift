import Foundation
import TestSupport
import Testing

@testable import Server

/// Conditions on field values, arithmetic, functions of samples, `tz()` and deletes over HTTP, on
/// the data of ``InfluxQLRoutesTests/load(_:)``.
extension InfluxQLRoutesTests {
    @Test func fieldConditionsArithmeticAndFunctionsOfSamples() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let above = try await Self.series(client, "SELECT v FROM m WHERE v > 597 AND v < 1000 AND \(Self.range)")
            #expect(Self.rows(above.first) as? [[Int]] == [[Self.start + 598, 598], [Self.start + 599, 599]])
            // w exists on even seconds only: the rows of machine a joined on time.
            let joined = try await Self.series(client, "SELECT mean(v) FROM m WHERE machine = 'a' AND w >= 1190 AND \(Self.range)")
            #expect(Self.rows(joined.first) as? [[Int]] == [[Self.start, 597]])
            let computed = try await Self.series(client, "SELECT v * 2 + 1 FROM m WHERE machine = 'a' AND \(Self.range) LIMIT 2 OFFSET 1")
            #expect(computed.first?["columns"] as? [String] == ["time", "v"])
            #expect(Self.rows(computed.first) as? [[Int]] == [[Self.start + 1, 3], [Self.start + 2, 5]])
            let top = try await Self.series(client, "SELECT top(v, machine, 2) FROM m WHERE \(Self.range)")
            #expect(top.first?["columns"] as? [String] == ["time", "top", "machine"])
            let topRows = Self.rows(top.first)
            #expect(topRows.map { $0[1] as? Int } == [599, 1_599])
            #expect(topRows.map { $0[2] as? String } == ["a", "b"])
            let integral = try await Self.series(client, "SELECT integral(v, 1m) FROM m WHERE machine = 'a' AND \(Self.range)")
            let area = try #require(Self.rows(integral.first).first)
            #expect(area[0] as? Int == 0)
            #expect(abs((area[1] as? Double ?? 0) - 599.0 * 599.0 / 2 / 60) < 1e-9)
            let zoned = try await Self.series(client, "SELECT count(v) FROM m WHERE \(Self.range) GROUP BY time(1h) tz('Europe/Berlin')", epoch: nil)
            #expect(Self.rows(zoned.first).first?[0] as? String == "2024-01-01T01:00:00+01:00")
            #expect(Self.rows(zoned.first).first?[1] as? Int == 1_200)
            let shown = try await Self.series(client, "SHOW SERIES ON plant WHERE machine = 'b'")
            #expect(shown.first?["name"] == nil)
            #expect(Self.rows(shown.first) as? [[String]] == [["m,line=L1,machine=b"]])
        }
    }

    /// `"state" = 'on'` on a string field (not a tag) is tested on each row, as InfluxDB reads it.
    @Test func conditionsOnStringFields() async throws {
        try await TestServer.with { client, _ in
            let lines = (0..<6).map { "s,machine=a state=\"\($0 % 2 == 0 ? "on" : "off")\",temp=\($0) \(Self.start + $0)" }.joined(separator: "\n")
            #expect(try await client.post("/write?db=plant&precision=s", text: lines).status == 204)
            let on = try await Self.series(client, "SELECT temp FROM s WHERE state = 'on' AND machine = 'a'")
            #expect(Self.rows(on.first) as? [[Int]] == [[Self.start, 0], [Self.start + 2, 2], [Self.start + 4, 4]])
            let either = try await Self.series(client, "SELECT count(temp) FROM s WHERE state !~ /^on$/ OR temp = 0")
            #expect(Self.rows(either.first).first?[1] as? Int == 4)
        }
    }

    /// `FROM a, b` answers each measurement in name order, within one points limit for the statement.
    @Test func severalMeasurementsShareThePointsLimit() async throws {
        try await TestServer.with({ $0.limits.maxQueryPoints = 500 }) { client, _ in
            let lines = (0..<300).flatMap { ["a v=\($0) \(Self.start + $0)", "b v=\($0) \(Self.start + $0)"] }.joined(separator: "\n")
            #expect(try await client.post("/write?db=plant&precision=s", text: lines).status == 204)
            let counts = try await Self.series(client, "SELECT count(v) FROM /^[ab]$/")
            #expect(counts.map { $0["name"] as? String } == ["a", "b"])
            let results = try await Self.query(client, "SELECT v FROM b, a")
            #expect((results.first?["error"] as? String)?.contains("more points than the 200 left of the server's limit of 500") == true)
        }
    }

    @Test func dropSeriesAndDeleteNeedTheAdminScope() async throws {
        let admin = "admin-secret-7"
        let reader = "reader-secret-8"
        try await TestServer.with({ configuration in
            configuration.tokens = [
                AccessToken(name: "ops", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: admin)) ?? [], scopes: [.admin]),
                AccessToken(name: "grafana", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: reader)) ?? [], scopes: [.read]),
            ]
        }) { client, _ in
            let asAdmin = ["Authorization": "Token \(admin)"]
            let lines = (0..<10).map { "m,machine=\($0 % 2 == 0 ? "a" : "b") v=\($0) \(Self.start + $0)" }.joined(separator: "\n")
            #expect(try await client.post("/write?db=plant&precision=s", text: lines, headers: asAdmin).status == 204)
            let drop =
                "/query?db=plant&q=" + ("DROP SERIES FROM m WHERE machine = 'b'".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let refused = try await client.post(drop, text: "", headers: ["Authorization": "Token \(reader)"])
            #expect(refused.status == 403)
            #expect(refused.text.contains("admin"))
            let withoutDatabase = try await client.post(drop.replacingOccurrences(of: "db=plant&", with: ""), text: "", headers: asAdmin)
            #expect(withoutDatabase.text == #"{"results":[{"statement_id":0,"error":"database not found: "}]}"#)
            #expect(try await client.post(drop, text: "", headers: asAdmin).status == 200)
            let delete =
                "/query?db=plant&q="
                + ("DELETE FROM m WHERE machine = 'a' AND time < '2024-01-01T00:00:04Z'".addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                    ?? "")
            #expect(try await client.post(delete, text: "", headers: asAdmin).status == 200)
            let count =
                "/query?db=plant&epoch=s&q="
                + ("SELECT count(v) FROM m GROUP BY machine".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let answer = try await client.get(count, headers: asAdmin)
            let series = (try answer.json()["results"] as? [[String: Any]])?.first?["series"] as? [[String: Any]] ?? []
            // Machine a keeps 4, 6 and 8; machine b keeps nothing (the series stays registered).
            #expect(series.map { ($0["tags"] as? [String: String])?["machine"] } == ["a"])
            #expect(Self.rows(series.first).first?[1] as? Int == 3)
        }
    }
}
