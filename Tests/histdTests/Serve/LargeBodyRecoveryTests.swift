import Foundation
import Testing

@testable import histd

/// The largest body `limits.max_body_bytes` lets in, plain and gzip-inflated, is acknowledged,
/// survives `kill -9` of the real binary, passes `histd verify`, and is all there after a restart.
@Suite("histd serve: largest bodies survive kill -9", .serialized)
struct LargeBodyRecoveryTests {
    /// The default of `limits.max_body_bytes`.
    static let maximumBodyBytes = 32 << 20

    /// Lines `measurement v=I I` for I = 0, 1, ... as long as the body stays within the limit.
    static func body(measurement: String) -> (bytes: [UInt8], count: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(maximumBodyBytes)
        var count = 0
        while true {
            let line = Array("\(measurement) v=\(count) \(count)\n".utf8)
            guard bytes.count + line.count <= maximumBodyBytes else { break }
            bytes.append(contentsOf: line)
            count += 1
        }
        return (bytes, count)
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = NSTemporaryDirectory() + "histd-body-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        defer { try? FileManager.default.removeItem(atPath: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-1", "-c", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// count, sum, min and max of `v` over all time, by InfluxQL.
    static func statistics(_ connection: HTTPConnection, measurement: String) throws -> [Double] {
        let query = "SELECT count(v), sum(v), min(v), max(v) FROM \(measurement) WHERE time >= 0"
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let response = try connection.request("GET", "/query?db=big&q=\(encoded)")
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let results = json?["results"] as? [[String: Any]]
        let series = results?.first?["series"] as? [[String: Any]]
        let row = (series?.first?["values"] as? [[Any]])?.first ?? []
        return row.dropFirst().compactMap { ($0 as? NSNumber)?.doubleValue }
    }

    @Test("a body at the size limit, and a gzip body that inflates to it, are all back after kill -9")
    func largestBodiesSurviveKill() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-large-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = Self.body(measurement: "plain")
        let zipped = Self.body(measurement: "zipped")
        let compressed = try Self.gzip(zipped.bytes)
        #expect(plain.count > 1_000_000, "the body should hold more values than used to crash recovery (800,000)")

        let server = try ServerProcess(
            executable: executable, dataDirectory: directory, logPath: directory + "-first.log", environment: ["HISTD_WRITE_CHECK_TIMES": "false"])
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 300)
        let first = try connection.request("POST", "/write?db=big", body: plain.bytes)
        #expect(first.status == 204, "\(first.status) \(first.text)")
        let second = try connection.request("POST", "/write?db=big", body: compressed, headers: [("Content-Encoding", "gzip")])
        #expect(second.status == 204, "\(second.status) \(second.text)")
        server.send(signal: SIGKILL)
        #expect(server.waitForExit(timeout: 10) != nil)

        let verify = try BuiltExecutable.run(["verify", "--data", directory], timeout: 300)
        #expect(verify.status == 0, "histd verify: \(verify.output.suffix(2_000))")

        let restarted = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-second.log", startTimeout: 300)
        defer { try? FileManager.default.removeItem(atPath: restarted.logPath) }
        let reader = try HTTPConnection(host: "127.0.0.1", port: restarted.port, receiveTimeout: 300)
        for (measurement, count) in [("plain", plain.count), ("zipped", zipped.count)] {
            let sum = Double(count) * Double(count - 1) / 2
            #expect(try Self.statistics(reader, measurement: measurement) == [Double(count), sum, 0, Double(count - 1)], "\(measurement)")
        }
        restarted.send(signal: SIGTERM)
        #expect(restarted.waitForExit(timeout: 60) == 0)
    }
}
