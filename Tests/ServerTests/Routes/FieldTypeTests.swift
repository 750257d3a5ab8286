import Foundation
import Testing

/// A field has one type per measurement, as in InfluxDB: a new series whose field has another type is refused.
@Suite struct FieldTypeTests {
    @Test func aConflictingTypeInAnotherSeriesIsAFieldTypeConflict() async throws {
        try await TestServer.with { (client, _) async throws in
            #expect(try await client.post("/write?db=plant", text: "press,machine=M1 temp=71.5 1704067200000000000\n").status == 204)
            let response = try await client.post(
                "/write?db=plant", text: "press,machine=M2 temp=\"hot\" 1704067200000000000\npress,machine=M2 temp=70 1704067260000000000\n")
            #expect(response.status == 400)
            let message = try #require(try response.json()["error"] as? String)
            #expect(
                message
                    == #"partial write: line 1, column 18: field type conflict: input field "temp" on measurement "press" is type string, already exists as type float dropped=1"#,
                "\(message)")
            // The line of the right type in the same request was stored; other measurements are free.
            let listed = try #require(try await client.get("/api/v1/series?measurement=press").json()["series"] as? [[String: Any]])
            #expect(listed.count == 2)
            #expect(try await client.post("/write?db=plant", text: "oven temp=\"hot\" 1704067200000000000\n").status == 204)
        }
    }

    @Test func conflictingNewSeriesInOneRequestKeepTheFirstType() async throws {
        try await TestServer.with { (client, _) async throws in
            let response = try await client.post(
                "/write", text: "press,machine=M1 count=1i 1704067200000000000\npress,machine=M2 count=2 1704067200000000000\n")
            #expect(response.status == 400)
            #expect(
                response.text.contains(#"input field \"count\" on measurement \"press\" is type float, already exists as type integer"#),
                "\(response.text)")
        }
    }
}
