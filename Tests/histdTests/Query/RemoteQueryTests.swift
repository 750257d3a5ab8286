import Foundation
import Testing

@testable import histd

/// `histd query --url`, `spc chart|capability|multivariate --url` and `oee --url` read through a running daemon, which holds the directory.
@Suite("histd query --url", .serialized)
struct RemoteQueryTests {
    @Test func readsRowsRollupsAndWarningsThroughTheDaemon() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-remote-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + ".log")
        defer {
            server.send(signal: SIGTERM)
            _ = server.waitForExit(timeout: 30)
            try? FileManager.default.removeItem(atPath: server.logPath)
        }
        let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 30)
        let lines = "press,machine=M1 temp=20.5 1704067200000000000\npress,machine=M1 temp=21.5 1704067260000000000\n"
        #expect(try connection.request("POST", "/write", body: Array(lines.utf8)).status == 204)
        let url = "http://127.0.0.1:\(server.port)"
        let range = ["--from", "2024-01-01T00:00:00Z", "--to", "2024-01-01T01:00:00Z"]
        let raw = try BuiltExecutable.run(["query", "--url", url, "--measurement", "press", "--field", "temp"] + range)
        #expect(raw.status == 0, "\(raw.output)")
        #expect(raw.output.contains(#""press,machine=M1 temp",2024-01-01T00:01:00Z,21.5,good"#), "\(raw.output)")
        let rollup = try BuiltExecutable.run(
            ["query", "--url", url, "--measurement", "press", "--field", "temp", "--every", "1h", "--agg", "mean,count,max"] + range)
        #expect(
            rollup.output.split(separator: "\n") == [
                "series,start,end,count,mean,max", #""press,machine=M1 temp",2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,2,21,21.5"#,
            ], "\(rollup.output)")
        let wrong = try BuiltExecutable.run(["query", "--url", url, "--measurement", "press", "--field", "tmp"] + range)
        #expect(wrong.status == 0)
        #expect(wrong.output.contains("warning: unknown_field: measurement 'press' has no field 'tmp'; its fields: temp (float)"), "\(wrong.output)")
        let both = try BuiltExecutable.run(["query", "--url", url, "--data", directory, "--measurement", "press", "--field", "temp"] + range)
        #expect(both.status != 0)
        let chart = try BuiltExecutable.run(
            ["spc", "chart", "--type", "imr", "--url", url, "--measurement", "press", "--field", "temp", "--from", "2024-01-01T00:00:00Z"])
        #expect(chart.status == 0, "\(chart.output)")
        #expect(chart.output.contains("\"type\":\"imr\""), "\(chart.output.prefix(300))")
        let capability = try BuiltExecutable.run(
            [
                "spc", "capability", "--lsl", "19", "--usl", "23", "--url", url, "--measurement", "press", "--field", "temp", "--from",
                "2024-01-01T00:00:00Z",
            ])
        #expect(capability.status == 0, "\(capability.output)")
        // Mean 21 and the moving range of the two values, 1, over d2 = 1.128: Cp = 4 / (6 · 1/1.128).
        let study = try #require(try JSONSerialization.jsonObject(with: Data(capability.output.utf8)) as? [String: Any])
        #expect(abs(((study["cp"] as? Double) ?? 0) - 4 / (6 / 1.128379)) < 1e-4, "\(capability.output.prefix(400))")
        #expect(try BuiltExecutable.run(["spc", "capability", "--lsl", "19", "--url", url, "file.csv"]).status != 0)
        let unit = (0..<10).map { "unit x1=\(Double($0 % 3) + 0.5),x2=\(Double($0 * $0 % 7)) \(1_704_067_200 + $0 * 60)000000000" }
        #expect(try connection.request("POST", "/write", body: Array(unit.joined(separator: "\n").utf8)).status == 204)
        let multivariate = try BuiltExecutable.run(
            [
                "spc", "multivariate", "--url", url, "--measurement", "unit", "--fields", "x1,x2", "--every", "1m", "--from", "2024-01-01T00:00:00Z",
                "--to", "2024-01-01T00:10:00Z",
            ])
        #expect(multivariate.status == 0, "\(multivariate.output.prefix(300))")
        let t2 = try #require(try JSONSerialization.jsonObject(with: Data(multivariate.output.utf8)) as? [String: Any])
        #expect(t2["method"] as? String == "t2" && (t2["statistics"] as? [Any])?.count == 10 && t2["variables"] as? [String] == ["x1", "x2"])
        // No machines are configured: the daemon's 404 and its reason come through.
        let oee = try BuiltExecutable.run(["oee", "--url", url, "--from", "now-1d"])
        #expect(oee.status != 0 && oee.output.contains("404: no machines are configured for OEE"), "\(oee.output)")
        #expect(try BuiltExecutable.run(["oee"]).status != 0)
        let incomplete = try BuiltExecutable.run(["spc", "chart", "--type", "imr", "--url", url, "--measurement", "press"])
        #expect(incomplete.status != 0 && incomplete.output.contains("--url needs --measurement, --field and --from"), "\(incomplete.output)")
    }
}
