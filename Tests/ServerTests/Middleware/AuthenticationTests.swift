import Foundation
import Testing

@testable import Server

@Suite struct AuthenticationTests {
    static let readSecret = "reader-secret-1"
    static let writeSecret = "writer-secret-2"
    static let adminSecret = "admin-secret-3"

    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.tokens = [
            AccessToken(name: "grafana", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: readSecret)) ?? [], scopes: [.read]),
            AccessToken(name: "telegraf", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: writeSecret)) ?? [], scopes: [.write]),
            AccessToken(name: "ops", secretHash: AccessToken.parseHash(AccessToken.hashHex(of: adminSecret)) ?? [], scopes: [.admin]),
        ]
    }

    static let line = "m v=1 1704067200000000000\n"
    static let query = "/api/v1/query?measurement=m&field=v&from=1704067200s&to=1704067300s"

    @Test func writesNeedAWriteToken() async throws {
        try await TestServer.with(Self.configure) { (client, _) async throws in
            let anonymous = try await client.post("/write", text: Self.line)
            #expect(anonymous.status == 401)
            #expect(try anonymous.json()["error"] as? String != nil)
            #expect(try await client.post("/write", text: Self.line, headers: ["Authorization": "Token wrong"]).status == 401)
            let reader = try await client.post("/write", text: Self.line, headers: ["Authorization": "Token \(Self.readSecret)"])
            #expect(reader.status == 403)
            #expect(reader.text.contains("write"))
            #expect(try await client.post("/write", text: Self.line, headers: ["Authorization": "Token \(Self.writeSecret)"]).status == 204)
            #expect(
                try await client.post("/api/v2/write?bucket=b", text: Self.line, headers: ["Authorization": "Bearer \(Self.adminSecret)"]).status
                    == 204)
        }
    }

    @Test func influxDB1CredentialsMapToTokens() async throws {
        try await TestServer.with(Self.configure) { (client, _) async throws in
            #expect(try await client.post("/write?db=x&u=telegraf&p=\(Self.writeSecret)", text: Self.line).status == 204)
            let basic = Data("telegraf:\(Self.writeSecret)".utf8).base64EncodedString()
            #expect(try await client.post("/write?db=x", text: Self.line, headers: ["Authorization": "Basic \(basic)"]).status == 204)
            let wrongBasic = Data("telegraf:nope".utf8).base64EncodedString()
            #expect(try await client.post("/write?db=x", text: Self.line, headers: ["Authorization": "Basic \(wrongBasic)"]).status == 401)
        }
    }

    @Test func queriesNeedAReadTokenAndHealthNeedsNone() async throws {
        try await TestServer.with(Self.configure) { (client, _) async throws in
            #expect(try await client.get(Self.query).status == 401)
            #expect(try await client.get(Self.query, headers: ["Authorization": "Token \(Self.writeSecret)"]).status == 403)
            #expect(try await client.get(Self.query, headers: ["Authorization": "Token \(Self.readSecret)"]).status == 200)
            #expect(try await client.get("/health").status == 200)
            #expect(try await client.get("/ready").status == 200)
            #expect(try await client.get("/ping").status == 204)
            #expect(try await client.get("/metrics").status == 401)
        }
    }

    /// Grafana's InfluxDB data source sends the token as the 1.x password or as HTTP Basic.
    @Test func influxQLNeedsAReadToken() async throws {
        try await TestServer.with(Self.configure) { (client, _) async throws in
            let show = "/query?q=SHOW+DATABASES"
            #expect(try await client.get(show).status == 401)
            #expect(try await client.get(show + "&u=telegraf&p=\(Self.writeSecret)").status == 403)
            #expect(try await client.get(show + "&u=grafana&p=\(Self.readSecret)").status == 200)
            let basic = Data("grafana:\(Self.readSecret)".utf8).base64EncodedString()
            #expect(try await client.get(show, headers: ["Authorization": "Basic \(basic)"]).status == 200)
        }
    }

    @Test func configuredHashesAreSHA256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(AccessToken.hashHex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(AccessToken.parseHash("zz") == nil)
        #expect(AccessToken.parseHash(String(repeating: "g", count: 64)) == nil)
    }
}
