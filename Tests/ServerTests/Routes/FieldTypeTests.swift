import Foundation
import Testing

@testable import Historian

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

    /// A directory that holds a field with two types (written before the check) lists the field
    /// once per type in SHOW FIELD KEYS, as InfluxDB does across shards.
    @Test func showFieldKeysListsEachTypeOfAField() async throws {
        let directory = NSTemporaryDirectory() + "histd-field-types-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let historian = try Historian(directory: directory)
            _ = try historian.write([
                Point(
                    series: SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "temp"), timestamp: 1, value: .float(1)
                )
            ])
        }
        do {
            // As an older histd wrote it: a second series of press.temp holding strings.
            let database = try SQLiteDatabase(path: directory + "/catalog.sqlite")
            try database.execute("INSERT INTO series(id, measurement, tags, field, kind) VALUES(2, 'press', 'machine=M2', 'temp', 5)")
        }
        try await TestServer.with(dataDirectory: directory) { (client, _) async throws in
            let answer = try await client.get(
                "/query?q=" + "SHOW FIELD KEYS FROM press".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            ).json()
            let results = try #require(answer["results"] as? [[String: Any]])
            let series = try #require((results.first?["series"] as? [[String: Any]])?.first)
            #expect(series["values"] as? [[String]] == [["temp", "float"], ["temp", "string"]])
        }
    }
}
