import Foundation
import Testing

/// `/api/v1/series`: listing, searching, reading and setting metadata.
@Suite struct SeriesRoutesTests {
    static let lines = """
        press,line=L1,machine=M07 temp=71.3,state="RUN" 1704067200000000000
        press,line=L1,machine=M08 temp=69.9 1704067200000000000
        press,line=L2,machine=M21 temp=70.4 1704067200000000000
        oven,line=L2 zone1=180.5 1704067200000000000
        """

    static func list(_ query: String, _ client: HTTPTestClient) async throws -> [[String: Any]] {
        let response = try await client.get("/api/v1/series\(query)")
        #expect(response.status == 200, "\(response.text)")
        return try #require(try response.json()["series"] as? [[String: Any]])
    }

    static func put(_ id: Int, _ body: String, _ client: HTTPTestClient) async throws -> HTTPTestClient.Response {
        try await client.send(method: "PUT", target: "/api/v1/series/\(id)", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    @Test func listsAndSearchesSeries() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            let all = try await Self.list("", client)
            #expect(all.count == 5)
            #expect(Set(all.compactMap { $0["measurement"] as? String }) == ["press", "oven"])
            let press = try await Self.list("?measurement=press", client)
            #expect(press.count == 4)
            let line1 = try await Self.list("?measurement=press&tag=line=L1&field=temp", client)
            #expect(line1.compactMap { ($0["tags"] as? [String: String])?["machine"] } == ["M07", "M08"])
            let pattern = try await Self.list("?measurement=press&tag=machine=~M0.", client)
            #expect(pattern.count == 3)
            // Without a measurement, tags filter every measurement.
            let line2 = try await Self.list("?tag=line=L2", client)
            #expect(Set(line2.compactMap { $0["measurement"] as? String }) == ["press", "oven"])
            let state = try #require(press.first { $0["field"] as? String == "state" })
            #expect(state["kind"] as? String == "string")
            #expect(state["interpolation"] as? String == "step")
            let temp = try #require(line1.first)
            #expect(temp["kind"] as? String == "float")
            #expect(temp["interpolation"] as? String == "linear")
            let metadata = try #require(temp["metadata"] as? [String: Any])
            #expect(Set(metadata.keys) == ["unit", "description", "engineering_range", "lsl", "usl", "interpolation"])
            #expect(metadata.values.allSatisfy { $0 is NSNull })
            let bad = try await client.get("/api/v1/series?measurement=press&tag=machine=~%5B")
            #expect(bad.status == 400)
        }
    }

    @Test func setsAndReadsMetadata() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            let temp = try #require(try await Self.list("?measurement=press&tag=machine=M07&field=temp", client).first)
            let id = try #require(temp["id"] as? Int)
            let body =
                #"{"unit": "degC", "description": "barrel zone 1", "engineering_range": [0, 400], "lsl": 65, "usl": 75.5, "interpolation": "step"}"#
            let put = try await Self.put(id, body, client)
            #expect(put.status == 200, "\(put.text)")
            let read = try await client.get("/api/v1/series/\(id)")
            #expect(read.status == 200)
            let series = try read.json()
            #expect(series["id"] as? Int == id)
            #expect(series["interpolation"] as? String == "step")
            let metadata = try #require(series["metadata"] as? [String: Any])
            #expect(metadata["unit"] as? String == "degC")
            #expect(metadata["description"] as? String == "barrel zone 1")
            #expect((metadata["engineering_range"] as? [NSNumber])?.map(\.doubleValue) == [0, 400])
            #expect(number(metadata, "lsl") == 65)
            #expect(number(metadata, "usl") == 75.5)
            #expect(metadata["interpolation"] as? String == "step")
            // PUT replaces: keys left out are cleared.
            #expect(try await Self.put(id, #"{"unit": "K"}"#, client).status == 200)
            let replaced = try #require(try await client.get("/api/v1/series/\(id)").json()["metadata"] as? [String: Any])
            #expect(replaced["unit"] as? String == "K")
            #expect(replaced["lsl"] is NSNull)
            #expect(replaced["engineering_range"] is NSNull)
        }
    }

    @Test(arguments: [
        (#"{"lsl": 80, "usl": 70}"#, "lsl"),
        (#"{"unit": 5}"#, "unit"),
        (#"{"units": "degC"}"#, "units"),
        (#"{"engineering_range": [10]}"#, "engineering_range"),
        (#"{"engineering_range": [10, 5]}"#, "engineering_range"),
        (#"{"interpolation": "cubic"}"#, "interpolation"),
        (#"{"usl": "high"}"#, "usl"),
        (#"[1, 2]"#, "JSON object"),
        ("not json", "JSON object"),
    ])
    func badMetadataIsRefused(_ body: String, _ named: String) async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            let response = try await Self.put(1, body, client)
            #expect(response.status == 400, "\(body): \(response.status) \(response.text)")
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains(named), "\(body): '\(message)' does not name \(named)")
            let unchanged = try #require(try await client.get("/api/v1/series/1").json()["metadata"] as? [String: Any])
            #expect(unchanged.values.allSatisfy { $0 is NSNull })
        }
    }

    @Test func unknownOrMalformedIDs() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            #expect(try await client.get("/api/v1/series/99").status == 404)
            #expect(try await Self.put(99, #"{"unit": "m"}"#, client).status == 404)
            let malformed = try await client.get("/api/v1/series/abc")
            #expect(malformed.status == 400)
            #expect((try malformed.json()["error"] as? String)?.contains("abc") == true)
        }
    }
}
