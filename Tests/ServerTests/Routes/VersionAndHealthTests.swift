import Foundation
import Testing

@testable import Server

/// `/health` in InfluxDB 2's shape, the version headers, and `/api/v2/query`'s pointer to `/query`.
@Suite struct VersionAndHealthTests {
    @Test func healthHasInfluxDB2sKeysAndTheVersion() async throws {
        try await TestServer.with { (client, _) async throws in
            let response = try await client.get("/health")
            #expect(response.status == 200)
            let body = try response.json()
            #expect(body["name"] as? String == "histd")
            #expect(body["status"] as? String == "pass")
            #expect(body["message"] as? String == "ready for queries and writes")
            #expect(body["version"] as? String == HistdVersion.number)
            #expect(body["commit"] as? String == HistdVersion.commit)
        }
    }

    @Test func everyAnswerCarriesTheVersionHeaders() async throws {
        try await TestServer.with { (client, _) async throws in
            for target in ["/health", "/ping", "/api/v1/series", "/no/such/route"] {
                let response = try await client.get(target)
                #expect(response.headers["x-histd-version"] == HistdVersion.number, "\(target)")
                #expect(response.headers["x-influxdb-version"] == "1.8-histd", "\(target)")
            }
            let refused = try await client.post("/write", text: "not line protocol\n")
            #expect(refused.status == 400)
            #expect(refused.headers["x-histd-version"] == HistdVersion.number)
        }
    }

    @Test func fluxQueriesPointToInfluxQL() async throws {
        try await TestServer.with { (client, _) async throws in
            let response = try await client.post("/api/v2/query?org=plant", text: #"from(bucket: "plant") |> range(start: -1h)"#)
            #expect(response.status == 501)
            let message = try #require(try response.json()["error"] as? String)
            #expect(message.contains("/query"), "\(message)")
        }
    }
}
