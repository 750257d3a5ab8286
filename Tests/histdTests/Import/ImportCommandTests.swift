import Foundation
import Testing

/// `histd import` and `histd --version` run as the real binary.
@Suite("histd import", .serialized)
struct ImportCommandTests {
    /// A fresh directory with `files` (name to content) written in it.
    static func folder(_ files: [String: [UInt8]]) throws -> String {
        let folder = NSTemporaryDirectory() + "histd-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) }
        return folder
    }

    @Test func versionPrintsTheVersionAndExitsZero() throws {
        let result = try BuiltExecutable.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(result.output)")
    }

    @Test func aSemicolonFileWithADatetimeColumnImportsWithoutOptions() throws {
        let csv = "datetime;temp;phase\n2024-03-01T10:00:00Z;21,5;roughing\n2024-03-01T10:01:00Z;22;finishing\n"
        let folder = try Self.folder(["plant.csv": Array(csv.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try BuiltExecutable.run(["import", "--data", folder + "/data", folder + "/plant.csv"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("imported 4 values"), "\(result.output)")
        let query = try BuiltExecutable.run([
            "query", "--data", folder + "/data", "--measurement", "plant", "--field", "temp", "--from", "2024-03-01T00:00:00Z", "--to",
            "2024-03-02T00:00:00Z", "--every", "1h", "--agg", "count,mean,max,mean",
        ])
        #expect(query.status == 0, "\(query.output)")
        let lines = query.output.split(separator: "\n")
        #expect(lines.first == "series,start,end,count,mean,max")
        #expect(lines.contains { $0.hasSuffix(",2,21.75,22.0") }, "\(query.output)")
    }

    @Test func exitCodesSayWhetherEverythingNothingOrPartWasImported() throws {
        let good = "time,v\n2024-01-01T00:00:00Z,1\n"
        let partly = "time,v\n2024-01-01T00:00:00Z,1\n2024-01-01T00:00:01Z,x\n"
        let bad = ",v\n0,1\n1,2\n"
        let early = "time,v\n0,1\n5,2\n"
        let latin1: [UInt8] = Array("zeit;Temp\u{B0}C\n01.02.2024 10:00;1\n".unicodeScalars.map { UInt8($0.value) })
        let folder = try Self.folder([
            "good.csv": Array(good.utf8), "partly.csv": Array(partly.utf8), "bad.csv": Array(bad.utf8), "early.csv": Array(early.utf8),
            "latin.csv": latin1,
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        #expect(try BuiltExecutable.run(["import", "--data", data, folder + "/good.csv"]).status == 0)
        let report = folder + "/rejected.txt"
        let partial = try BuiltExecutable.run(["import", "--data", data, "--report", report, folder + "/partly.csv"])
        #expect(partial.status == 2, "\(partial.output)")
        let reported = try String(contentsOfFile: report, encoding: .utf8)
        #expect(reported.contains("partly.csv:3: column 'v': 'x' is not a float value"), "\(reported)")
        let nothing = try BuiltExecutable.run(["import", "--data", data, "--report", report, folder + "/bad.csv"])
        #expect(nothing.status == 1, "\(nothing.output)")
        #expect(nothing.output.contains("looks like a row index"), "\(nothing.output)")
        let outside = try BuiltExecutable.run(["import", "--data", data, "--report", report, folder + "/early.csv"])
        #expect(outside.status == 1, "\(outside.output)")
        #expect(outside.output.contains("outside the plausible window"), "\(outside.output)")
        #expect(try BuiltExecutable.run(["import", "--data", data, "--any-time", folder + "/early.csv"]).status == 0)
        let encoded = try BuiltExecutable.run(["import", "--data", data, "--encoding", "latin1", folder + "/latin.csv"])
        #expect(encoded.status == 0, "\(encoded.output)")
        let unknown = try BuiltExecutable.run(["import", "--data", data, "--encoding", "utf-16", folder + "/good.csv"])
        #expect(unknown.status != 0 && unknown.output.contains("--encoding"), "\(unknown.output)")
    }

    @Test func aDryRunPrintsTheSchemaAndStoresNothing() throws {
        let csv = ",timestamp,machine,speed\n0,03/04/2024 10:00,M1,12.5\n1,25/04/2024 10:00,M2,13\n"
        let folder = try Self.folder(["line.csv": Array(csv.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try BuiltExecutable.run([
            "import", "--data", folder + "/data", "--dry-run", "--tag-column", "machine", "--skip-column", "1", folder + "/line.csv",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("time: column 2 'timestamp' (dd/mm/yyyy hh:mm[:ss])"), "\(result.output)")
        #expect(result.output.contains("line,machine=M1 speed=12.5 1712138400000000000"), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/data"))
    }
}
