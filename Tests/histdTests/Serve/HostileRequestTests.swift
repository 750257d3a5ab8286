import Foundation
import Testing

@testable import histd

/// Single requests that used to stop the real daemon: a backtracking regex held the engine lock
/// (writes and queries hung), 70,000 nested parentheses overflowed the parser's stack.
@Suite("histd serve: hostile requests", .serialized)
struct HostileRequestTests {
    /// The tests write tiny timestamps: the plausible window (setting `write.check_times`) is off.
    static let anyTime = ["HISTD_WRITE_CHECK_TIMES": "false"]

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test("a catastrophic-backtracking regex is answered at once and writes go on")
    func backtrackingRegex() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-regex-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + ".log", environment: Self.anyTime)
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        // A backtracking matcher needs about 2^n steps for (a+)+b against n a's.
        let long = String(repeating: "a", count: 20_000)
        let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 60)
        let write = try connection.request("POST", "/write?db=plant", body: Array("m,k=\(long) v=1 1000\nm,k=ab v=2 1000\n".utf8))
        try #require(write.status == 204, "\(write.status) \(write.text)")

        let api = try connection.request("GET", "/api/v1/query?measurement=m&field=v&tag=\(Self.encoded("k=~(a+)+b"))&from=0&to=2000")
        #expect(api.status == 200, "\(api.status) \(api.text.prefix(300))")
        #expect(api.text.contains("\"ab\""), "\(api.text.prefix(300))")
        #expect(!api.text.contains(long))

        let influxQL = try connection.request(
            "GET", "/query?db=plant&epoch=ns&q=\(Self.encoded("SELECT v FROM m WHERE k =~ /(a+)+b/ AND time >= 0"))")
        #expect(influxQL.status == 200, "\(influxQL.status) \(influxQL.text.prefix(300))")
        #expect(influxQL.text.contains("[1000,2]"), "\(influxQL.text.prefix(300))")

        let tagValues = try connection.request("GET", "/query?db=plant&q=\(Self.encoded("SHOW TAG VALUES FROM m WITH KEY = k WHERE k =~ /(a+)+b$/"))")
        #expect(tagValues.status == 200, "\(tagValues.status) \(tagValues.text.prefix(300))")
        #expect(tagValues.text.contains("\"ab\"") && !tagValues.text.contains(long), "\(tagValues.text.prefix(300))")

        let after = try connection.request("POST", "/write?db=plant", body: Array("m,k=c v=3 2000\n".utf8))
        #expect(after.status == 204)

        let refused = try connection.request("GET", "/api/v1/query?measurement=m&field=v&tag=\(Self.encoded("k=~(?=a)"))&from=0&to=2000")
        #expect(refused.status == 400, "\(refused.status) \(refused.text)")
        #expect(refused.text.contains("look-around"), "\(refused.text)")
        server.send(signal: SIGTERM)
        #expect(server.waitForExit(timeout: 30) == 0)
    }

    @Test("70,000 nested parentheses get 400 and the daemon keeps serving")
    func deeplyNestedQuery() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-nesting-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + ".log", environment: Self.anyTime)
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 60)
        let depth = 70_000
        let query = "SELECT v FROM m WHERE " + String(repeating: "(", count: depth) + "k = 'a'" + String(repeating: ")", count: depth)
        let body = Array("q=\(Self.encoded(query))".utf8)
        let response = try connection.request("POST", "/query?db=plant", body: body, headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(response.status == 400, "\(response.status) \(response.text.prefix(300))")
        #expect(response.text.contains("nested deeper than 100"), "\(response.text.prefix(300))")
        #expect(server.isRunning)
        let health = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 10).request("GET", "/health")
        #expect(health.status == 200)
        server.send(signal: SIGTERM)
        #expect(server.waitForExit(timeout: 30) == 0)
    }
}
