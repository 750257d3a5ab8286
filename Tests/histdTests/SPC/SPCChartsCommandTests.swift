import Foundation
import Historian
import Live
import Testing

/// `histd spc charts` lists the live chart definitions of a data directory.
@Suite("histd spc charts", .serialized)
struct SPCChartsCommandTests {
    @Test("lists the charts with their latest revision, as a table and as JSON")
    func listsCharts() throws {
        let directory = NSTemporaryDirectory() + "histd-charts-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let historian = try Historian(directory: directory)
            let key = SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "temp")
            _ = try historian.write(
                (0..<50).map { Point(series: key, timestamp: Int64($0) * 1_000_000_000, value: .float(10 + Double($0 % 5) * 0.1)) })
            let live = try LiveSPC(historian: historian)
            let document = JSONValue.object([
                "name": .string("press temperature"), "type": .string("imr"), "rules": .string("we"),
                "series": .object(["measurement": .string("press"), "tags": .object(["machine": .string("M1")]), "field": .string("temp")]),
                "phase1": .object(["from": .integer(0), "to": .integer(50_000_000_000)]),
            ])
            let definition = try ChartDefinition.parse(document, now: 0)
            _ = try live.create(definition, author: "qe", reason: "first", now: 1_704_067_200_000_000_000)
            _ = try live.update(1, definition, author: "qe", reason: "second", now: 1_704_067_260_000_000_000)
            live.close()
        }
        let table = try BuiltExecutable.run(["spc", "charts", "--data", directory])
        #expect(table.status == 0, "\(table.output)")
        let rows = table.output.split(separator: "\n")
        #expect(rows.count == 2 && rows.first?.hasPrefix("id\trevision\tname") == true, "\(table.output)")
        #expect(rows.last == "1\t2\tpress temperature\timr\tpress,machine=M1 temp\tqe\t2024-01-01T00:01:00Z\tsecond")
        let json = try BuiltExecutable.run(["spc", "charts", "--data", directory, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["revision"] as? Int == 2 && (object["revisions"] as? [Any])?.count == 2)
        #expect((object["limits"] as? [String: Any])?["center"] != nil)
        let empty = try BuiltExecutable.run(["spc", "charts", "--data", directory + "-none"])
        #expect(empty.status == 0 && empty.output.split(separator: "\n").count == 1)
    }
}
