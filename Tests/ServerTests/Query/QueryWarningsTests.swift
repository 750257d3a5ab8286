import Foundation
import Testing

/// `/api/v1/query` answers a selection that matches nothing with 200, no series and a warning that names what exists.
@Suite struct QueryWarningsTests {
    static let lines = """
        press,machine=M1 temp=71.5,state="RUN" 1704067200000000000
        """

    static func warnings(_ query: String, _ client: HTTPTestClient) async throws -> [[String: String]] {
        let response = try await client.get("/api/v1/query?\(query)&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z")
        #expect(response.status == 200, "\(response.text)")
        let body = try response.json()
        #expect((body["series"] as? [Any])?.isEmpty == true)
        return body["warnings"] as? [[String: String]] ?? []
    }

    @Test func aWrongFieldListsTheMeasurementsFields() async throws {
        try await TestServer.with { (client, _) async throws in
            #expect(try await client.post("/write", text: Self.lines).status == 204)
            let field = try await Self.warnings("measurement=press&field=tmp", client)
            #expect(field.first?["code"] == "unknown_field")
            #expect(field.first?["message"] == "measurement 'press' has no field 'tmp'; its fields: state (string), temp (float)")
            let tag = try await Self.warnings("measurement=press&field=temp&tag=machine=M9", client)
            #expect(tag.first?["code"] == "no_matching_tags")
            #expect(tag.first?["message"]?.contains("its tag keys: machine") == true)
            let measurement = try await Self.warnings("measurement=pres", client)
            #expect(measurement.first?["code"] == "unknown_measurement")
            // A selection that matches has no warnings key.
            let matched = try await client.get("/api/v1/query?measurement=press&field=temp&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z")
            #expect(try matched.json()["warnings"] == nil)
        }
    }
}
