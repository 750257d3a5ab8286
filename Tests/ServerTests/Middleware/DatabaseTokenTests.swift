import Foundation
import Testing

@testable import Server

/// A token limited to databases (`databases = ["plant"]`) writes and reads only those: other
/// databases are 403 when named and do not exist otherwise.
@Suite struct DatabaseTokenTests {
    static let plantSecret = "plant-only-secret"
    static let allSecret = "all-databases-secret"

    static func token(_ secret: String) -> [String: String] { ["Authorization": "Token \(secret)"] }

    @Test func aLimitedTokenSeesAndWritesOnlyItsDatabases() async throws {
        try await TestServer.with({
            $0.tokens = [
                AccessToken(
                    name: "plant", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: Self.plantSecret)) ?? [], scopes: [.read, .write],
                    databases: ["plant"]),
                AccessToken(name: "all", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: Self.allSecret)) ?? [], scopes: [.admin]),
            ]
        }) { client, _ in
            let plant = Self.token(Self.plantSecret)
            let all = Self.token(Self.allSecret)
            #expect(try await client.post("/write?db=plant&precision=s", text: "m,machine=M1 v=1 1704067200", headers: plant).status == 204)
            let foreign = try await client.post("/write?db=lab&precision=s", text: "m,machine=L1 v=2 1704067200", headers: plant)
            #expect(foreign.status == 403 && foreign.text.contains("lab"))
            #expect(try await client.post("/write?precision=s", text: "m v=3 1704067200", headers: plant).status == 403)
            #expect(try await client.post("/write?db=lab&precision=s", text: "m,machine=L1 v=2 1704067200", headers: all).status == 204)

            // InfluxQL: the other database does not exist, and naming it is refused.
            let databases = try await client.get("/query?q=SHOW%20DATABASES", headers: plant)
            #expect(databases.text.contains("plant") && !databases.text.contains("lab"), "\(databases.text)")
            #expect(try await client.get("/query?db=lab&q=SHOW%20MEASUREMENTS", headers: plant).status == 403)
            let selected = try await client.get("/query?q=SELECT%20count(v)%20FROM%20m", headers: plant)
            #expect(selected.text.contains("[\"1970-01-01T00:00:00Z\",1]"), "\(selected.text)")
            let everything = try await client.get("/query?q=SELECT%20count(v)%20FROM%20m", headers: all)
            #expect(everything.text.contains(",2]"), "\(everything.text)")

            // /api/v1: only the token's series.
            let series = try await client.get("/api/v1/series?measurement=m", headers: plant).json()["series"] as? [[String: Any]] ?? []
            #expect(series.count == 1 && (series.first?["tags"] as? [String: String])?["db"] == "plant")
            let labSeries = try #require(
                (try await client.get("/api/v1/series?measurement=m", headers: all).json()["series"] as? [[String: Any]])?
                    .first { ($0["tags"] as? [String: String])?["db"] == "lab" })
            let labID = try #require(labSeries["id"] as? Int)
            #expect(try await client.get("/api/v1/series/\(labID)", headers: plant).status == 404)
            let range = "from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z"
            let query = try await client.get("/api/v1/query?measurement=m&field=v&\(range)", headers: plant).json()
            #expect((query["series"] as? [Any])?.count == 1)
            #expect(try await client.get("/api/v1/spc/chart?series=\(labID)&\(range)&type=imr", headers: plant).status == 404)

            // Routes that cannot be limited to a database are refused to it.
            #expect(try await client.get("/api/v1/events", headers: plant).status == 403)
            #expect(try await client.get("/api/v1/spc/charts", headers: plant).status == 403)
            #expect(try await client.get("/api/v1/events", headers: all).status == 200)
        }
    }

    @Test func theConfigurationFileTakesDatabasesAndRefusesAnEmptyList() throws {
        let good = try ConfigurationFileTests.write(
            """
            [[tokens]]
            name = "plant"
            scopes = ["read"]
            databases = ["plant", "line2"]
            sha256 = "\(AccessToken.hashHex(of: "x"))"
            """)
        defer { try? FileManager.default.removeItem(atPath: good) }
        var configuration = ServerConfiguration()
        try configuration.applyFile(good)
        #expect(configuration.tokens.first?.databases == ["plant", "line2"])
        try ConfigurationFileTests.expectRefusal(
            """
            [[tokens]]
            name = "plant"
            scopes = ["read"]
            databases = []
            sha256 = "\(AccessToken.hashHex(of: "x"))"
            """, naming: "tokens.plant.databases")
    }
}
