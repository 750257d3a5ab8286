import Foundation
import Testing

/// `histd delete` run as the real binary on an imported directory.
@Suite("histd delete", .serialized)
struct DeleteCommandTests {
    @Test func deletesARangeAndCountsTheSamples() throws {
        let folder = try ImportCommandTests.folder([
            "press.csv": Array("time,machine,temp\n2024-01-01T00:00:00Z,M1,1\n2024-01-01T00:01:00Z,M1,2\n2024-01-01T00:00:00Z,M2,3\n".utf8)
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        #expect(try BuiltExecutable.run(["import", "--data", data, "--tag-column", "machine", folder + "/press.csv"]).status == 0)
        let range = ["--from", "2024-01-01T00:00:00Z", "--to", "2024-01-01T00:00:30Z"]
        let deleted = try BuiltExecutable.run(["delete", "--data", data, "--measurement", "press", "--tag", "machine=~M."] + range)
        #expect(deleted.status == 0, "\(deleted.output)")
        #expect(deleted.output.contains(#"{"deleted": 2}"#), "\(deleted.output)")
        let again = try BuiltExecutable.run(["delete", "--data", data, "--measurement", "press"] + range)
        #expect(again.output.contains(#"{"deleted": 0}"#), "\(again.output)")
        let rows = try BuiltExecutable.run([
            "query", "--data", data, "--measurement", "press", "--field", "temp", "--from", "2024-01-01T00:00:00Z", "--to", "2024-01-02T00:00:00Z",
        ])
        #expect(rows.output.split(separator: "\n").count == 2, "\(rows.output)")
        let missing = try BuiltExecutable.run(["delete", "--data", data, "--measurement", "press", "--from", "1583748873", "--to", "now"])
        #expect(missing.status != 0 && missing.output.contains("write 1583748873s"), "\(missing.output)")
    }
}
