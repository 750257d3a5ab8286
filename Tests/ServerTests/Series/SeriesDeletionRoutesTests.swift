import Foundation
import Testing

@testable import Server

/// `DELETE /api/v1/series`: samples of a selection in a time range, counted; the series stay.
@Suite struct SeriesDeletionRoutesTests {
    static let lines = """
        press,line=L1,machine=M07 temp=71.3 1704067200000000000
        press,line=L1,machine=M07 temp=71.5 1704067260000000000
        press,line=L1,machine=M08 temp=69.9 1704067200000000000
        press,line=L2,machine=M21 temp=70.4 1704067200000000000
        """

    static func delete(_ query: String, _ client: HTTPTestClient, headers: [String: String] = [:]) async throws -> HTTPTestClient.Response {
        try await client.send(method: "DELETE", target: "/api/v1/series\(query)", headers: headers, body: [])
    }

    static func values(_ query: String, _ client: HTTPTestClient) async throws -> Int {
        let response = try await client.get("/api/v1/query?\(query)&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z")
        let series = try #require(try response.json()["series"] as? [[String: Any]])
        return series.reduce(0) { $0 + (($1["values"] as? [[Any]])?.count ?? 0) }
    }

    @Test func deletesTheSelectedSamplesAndCountsThem() async throws {
        try await TestServer.with { (client, _) async throws in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            let range = "from=2024-01-01T00:00:00Z&to=2024-01-01T00:00:30Z"
            let deleted = try await Self.delete("?measurement=press&tag=machine=~M0.&field=temp&\(range)", client)
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try deleted.json()["deleted"] as? Int == 2)
            #expect(try await Self.values("measurement=press&tag=machine=M07", client) == 1)
            #expect(try await Self.values("measurement=press&tag=machine=M08", client) == 0)
            #expect(try await Self.values("measurement=press&tag=machine=M21", client) == 1)
            let nothing = try await Self.delete("?measurement=press&tag=machine=M99&\(range)", client)
            #expect(nothing.status == 200)
            #expect(nothing.text == #"{"deleted":0}"#)
            // Every series is still listed.
            let listed = try await client.get("/api/v1/series?measurement=press")
            #expect((try listed.json()["series"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func refusesARequestWithoutItsTimeRange() async throws {
        try await TestServer.with { (client, _) async throws in
            for query in ["?measurement=press", "?measurement=press&from=2024-01-01T00:00:00Z", "?measurement=press&to=now"] {
                let response = try await Self.delete(query, client)
                #expect(response.status == 400)
                #expect(response.text.contains("from and to are both required"), "\(response.text)")
            }
            let backwards = try await Self.delete("?measurement=press&from=now&to=now-1h", client)
            #expect(backwards.status == 400)
            let unknown = try await Self.delete("?measurement=press&from=0&to=now&start=1", client)
            #expect(unknown.status == 400)
            #expect(unknown.text.contains("unknown parameter 'start'"))
        }
    }

    @Test func needsTheAdminScope() async throws {
        let write = AccessToken(
            name: "writer", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: "w-secret")) ?? [], scopes: [.read, .write])
        let admin = AccessToken(name: "admin", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: "a-secret")) ?? [], scopes: [.admin])
        try await TestServer.with({ $0.tokens = [write, admin] }) { (client, _) async throws in
            let range = "?measurement=press&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z"
            #expect(try await Self.delete(range, client).status == 401)
            #expect(try await Self.delete(range, client, headers: ["Authorization": "Token w-secret"]).status == 403)
            #expect(try await Self.delete(range, client, headers: ["Authorization": "Token a-secret"]).status == 200)
        }
    }

    @Test func deletedSamplesStayGoneAcrossRestartAndCompaction() async throws {
        let directory = NSTemporaryDirectory() + "histd-delete-test-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestServer.with(dataDirectory: directory) { (client, _) async throws in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            // Some samples in a partition file, the delete in the WAL.
            #expect(try await client.post("/api/v1/admin/flush", body: []).status == 200)
            let deleted = try await Self.delete("?measurement=press&tag=line=L1&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z", client)
            #expect(try deleted.json()["deleted"] as? Int == 3)
        }
        try await TestServer.with(dataDirectory: directory) { (client, _) async throws in
            #expect(try await Self.values("measurement=press&tag=line=L1", client) == 0)
            // More data in the same window, then flush and compaction merge the files.
            #expect(try await client.post("/write", text: "press,line=L2,machine=M21 temp=70.9 1704067320000000000\n").status == 204)
            #expect(try await client.post("/api/v1/admin/flush", body: []).status == 200)
            #expect(try await client.post("/api/v1/admin/maintenance", body: []).status == 200)
            #expect(try await Self.values("measurement=press&tag=line=L1", client) == 0)
            #expect(try await Self.values("measurement=press&tag=line=L2", client) == 2)
        }
        try await TestServer.with(dataDirectory: directory) { (client, _) async throws in
            #expect(try await Self.values("measurement=press&tag=line=L1", client) == 0)
            #expect(try await Self.values("measurement=press&tag=line=L2", client) == 2)
            // New series get new ids: the deleted ones' stay taken.
            #expect(try await client.post("/write", text: "press,line=L3,machine=M30 temp=1 1704067200000000000\n").status == 204)
            let listed = try #require(try await client.get("/api/v1/series?measurement=press").json()["series"] as? [[String: Any]])
            #expect(listed.compactMap { $0["id"] as? Int }.sorted() == [1, 2, 3, 4])
        }
    }
}
