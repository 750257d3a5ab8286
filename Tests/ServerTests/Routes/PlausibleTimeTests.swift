import Foundation
import Testing

@testable import Server

/// `/write` refuses sample times outside the plausible window (`write.*` settings) with the precision that fits.
@Suite struct PlausibleTimeTests {
    @Test func aTimeInSecondsWithoutPrecisionIsRefusedWithTheHint() async throws {
        try await TestServer.with { (client, _) async throws in
            let response = try await client.post("/write?db=plant", text: "press v=1 1704067200000000000\npress v=2 1583748873\n")
            #expect(response.status == 400)
            let message = try #require(try response.json()["error"] as? String)
            #expect(message.contains("line 2"), "\(message)")
            #expect(message.contains("looks like seconds: use precision=s"), "\(message)")
            #expect(message.contains("dropped=1"), "\(message)")
            #expect(try await client.post("/write?db=plant&precision=s", text: "press v=2 1583748873\n").status == 204)
            let seconds = try await client.post("/write?db=plant&precision=ms", text: "press v=3 1583748873\n")
            #expect(seconds.status == 400)
            #expect(seconds.text.contains("looks like seconds: use precision=s"), "\(seconds.text)")
            let overflow = try await client.post("/write?db=plant&precision=s", text: "press v=3 1583748873000000\n")
            #expect(overflow.status == 400)
            #expect(overflow.text.contains("precision"), "\(overflow.text)")
        }
    }

    @Test func aTimeFarAheadIsRefusedAndNamesThePrecision() async throws {
        try await TestServer.with { (client, _) async throws in
            let nextYear = (Int64(Date().timeIntervalSince1970) + 400 * 86_400) * 1_000_000_000
            let response = try await client.post("/write", text: "press v=1 \(nextYear)\n")
            #expect(response.status == 400)
            #expect(response.text.contains("precision"), "\(response.text)")
            #expect(response.text.contains("outside the plausible window"), "\(response.text)")
        }
    }

    @Test func theWindowIsConfigurableAndCanBeSwitchedOff() async throws {
        try await TestServer.with({ $0.checkPlausibleTimes = false }) { (client, _) async throws in
            #expect(try await client.post("/write", text: "press v=1 1\n").status == 204)
        }
        var configuration = ServerConfiguration()
        try configuration.set("write.check_times", to: .boolean(false), source: "test")
        try configuration.set("write.earliest_time", to: .text("2000-01-01T00:00:00Z"), source: "test")
        try configuration.set("write.max_time_ahead", to: .text("7d"), source: "test")
        #expect(configuration.plausibleTimeWindow == nil)
        #expect(configuration.plausibleTimes.earliest == 946_684_800_000_000_000)
        #expect(configuration.plausibleTimes.ahead == 7 * 86_400_000_000_000)
        #expect(throws: ConfigurationError.self) { try configuration.set("write.earliest_time", to: .text("1990"), source: "test") }
        try await TestServer.with({ $0.plausibleTimes.earliest = 946_684_800_000_000_000 }) { (client, _) async throws in
            let response = try await client.post("/write?precision=s", text: "press v=1 915148800\n")
            #expect(response.status == 400)
            #expect(response.text.contains("1999-01-01T00:00:00Z"), "\(response.text)")
        }
    }

    @Test func queryTimesThatLookLikeSecondsAreRefused() async throws {
        try await TestServer.with { (client, _) async throws in
            let response = try await client.get("/api/v1/query?measurement=press&from=1583748873&to=now")
            #expect(response.status == 400)
            #expect(response.text.contains("write 1583748873s"), "\(response.text)")
            #expect(try await client.get("/api/v1/query?measurement=press&from=1583748873s&to=now").status == 200)
            #expect(try await client.get("/api/v1/query?measurement=press&from=1583748873ns&to=now").status == 200)
            #expect(try await client.get("/api/v1/query?measurement=press&from=0&to=now").status == 200)
        }
    }
}
