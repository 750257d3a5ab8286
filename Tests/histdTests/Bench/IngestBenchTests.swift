import Foundation
import Ingest
import Testing

@testable import histd

@Suite("Ingest benchmark", .serialized)
struct IngestBenchTests {
    private func fields(_ line: String) -> Int {
        Array(line.utf8).withUnsafeBufferPointer { LineProtocolBatches.fieldCount($0) }
    }

    @Test("field values are counted in the field set only, not in tags, strings or escapes")
    func fieldCounting() {
        #expect(fields("plant,machine=M001,line=L1 temp=71.5,state=1i,ok=t 1704067200000000000") == 3)
        // A comma and a space inside a string field, an escaped space and comma in a tag value.
        #expect(fields(#"m,site=North\ Hall\,B note="a, b c",x=1 5"#) == 2)
        #expect(fields("m x=1") == 1)
        #expect(fields("no_field_set") == 0)
    }

    @Test("a file is cut into batches of whole lines; blank lines and comments are skipped")
    func batching() {
        let text = "# header\nm a=1,b=2 1\nm a=1 2\n\nm a=1,b=2,c=3 3\nm a=1 4\nm a=1 5"
        let input = LineProtocolBatches(Array(text.utf8), linesPerBatch: 2)
        #expect(input.batches.map(\.lines) == [2, 2, 1])
        #expect(input.batches.map(\.values) == [3, 4, 1])
        #expect(String(decoding: input.batches[0].body, as: UTF8.self) == "m a=1,b=2 1\nm a=1 2\n")
        // The last line had no newline; its batch gets one.
        #expect(String(decoding: input.batches[2].body, as: UTF8.self) == "m a=1 5\n")
        #expect(input.values == 8)
    }

    @Test("nearest-rank percentiles of batch latency")
    func percentiles() {
        let result = IngestBenchmark.Result(batches: 10, lines: 0, values: 0, wallSeconds: 1, batchLatencies: (1...10).map(Double.init))
        // Nearest rank: ceil(0.5 * 10) = 5th value, ceil(0.99 * 10) = 10th value.
        #expect(result.latency(percentile: 0.5) == 5)
        #expect(result.latency(percentile: 0.99) == 10)
    }

    @Test(
        "arguments: one of --url and --data, positive writers and batch, a plain http URL",
        arguments: [
            ["plant.lp"],
            ["plant.lp", "--url", "http://127.0.0.1:8086", "--data", "/tmp/x"],
            ["plant.lp", "--data", "/tmp/x", "--writers", "0"],
            ["plant.lp", "--data", "/tmp/x", "--batch", "0"],
            ["plant.lp", "--url", "https://127.0.0.1:8086"],
            ["plant.lp", "--url", "http://127.0.0.1:8086/write"],
            ["plant.lp", "--url", "http://127.0.0.1:99999"],
            ["plant.lp", "--data", "/tmp/x", "--db", "a&b"],
        ])
    func rejectedArguments(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try IngestBenchCommand.parse(arguments) }
    }

    @Test("a URL names host and port")
    func endpoints() throws {
        #expect(try IngestBenchCommand.endpoint("http://127.0.0.1:8086") == ("127.0.0.1", 8086))
        #expect(try IngestBenchCommand.endpoint("http://localhost:9000/") == ("localhost", 9000))
        #expect(try IngestBenchCommand.endpoint("http://[::1]:8086") == ("::1", 8086))
        #expect(throws: IngestBenchError.badURL("http://:8086")) { try IngestBenchCommand.endpoint("http://:8086") }
    }

    @Test("a non-empty data directory is refused: the bytes on disk would be wrong")
    func refusesUsedDirectory() throws {
        let directory = NSTemporaryDirectory() + "histd-bench-used-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(FileManager.default.createFile(atPath: directory + "/old", contents: Data([1])))
        let command = try IngestBenchCommand.parse(["x.lp", "--data", directory])
        let input = LineProtocolBatches(Array("m a=1 1\n".utf8), linesPerBatch: 1)
        #expect(throws: IngestBenchError.dataDirectoryNotEmpty(directory)) {
            try command.runOwnServer(executable: try BuiltExecutable.histd(), dataDirectory: directory, input: input, target: "/write?db=t")
        }
    }

    @Test("a short run against a started server stores every value and measures disk and RSS")
    func shortRun() throws {
        let directory = NSTemporaryDirectory() + "histd-bench-run-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 3 machines x 600 s at 1 Hz, 2 fields: 1,800 lines, 3,600 values.
        var text = ""
        for second in 0..<600 {
            for machine in 1...3 {
                text += "bench,machine=M\(machine) a=\(Double(second) * 0.25 + Double(machine)),b=\(second % 7)i \(1_704_067_200 + second)000000000\n"
            }
        }
        let input = LineProtocolBatches(Array(text.utf8), linesPerBatch: 250)
        #expect(input.batches.count == 8)
        let command = try IngestBenchCommand.parse(["bench.lp", "--data", directory, "--writers", "2", "--batch", "250"])
        let report = try command.runOwnServer(
            executable: try BuiltExecutable.histd(), dataDirectory: directory, input: input, target: "/write?db=bench&precision=ns")
        #expect(report.result.values == 3_600)
        #expect(report.result.batchLatencies.count == 8)
        #expect(report.result.valuesPerSecond > 0)
        #expect((report.diskBytes ?? 0) > 0)
        #expect((report.peakResidentBytes ?? 0) > 1 << 20)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["values"] as? Int == 3_600)

        // The server stopped; start it again on the directory and count what the benchmark wrote.
        let server = try ServerProcess(executable: try BuiltExecutable.histd(), dataDirectory: directory, logPath: directory + ".log")
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        let connection = try HTTPConnection(host: "127.0.0.1", port: server.port)
        let response = try connection.request(
            "GET", "/api/v1/query?measurement=bench&field=a&from=1704067200s&to=1704067800s&every=600s&agg=count&group_by=all")
        #expect(response.status == 200, "\(response.text)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let series = try #require(answer["series"] as? [[String: Any]])
        let rows = try #require(series.first?["values"] as? [[Any]])
        // One bucket over the 600 s: 3 machines x 600 samples of field a.
        #expect(rows.count == 1)
        #expect((rows.first?[1] as? NSNumber)?.intValue == 1_800)
        server.send(signal: SIGTERM)
        #expect(server.waitForExit(timeout: 10) == 0)
    }
}
