import Foundation
import Testing

@testable import histd

/// SIGTERM: the real `histd serve` finishes the request in flight, seals the head into partition
/// files, and exits 0; nothing is left to replay.
@Suite("histd serve: SIGTERM shutdown", .serialized)
struct ShutdownTests {
    @Test("SIGTERM completes the request in flight, exits 0, leaves nothing to replay, and keeps every sample")
    func orderlyShutdown() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-sigterm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = SampleLedger()
        let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-first.log")
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }

        let writer = try HTTPConnection(host: "127.0.0.1", port: server.port)
        for _ in 0..<5 {
            let batch = ledger.makeBatch(writer: 0, count: 1_000)
            let response = try writer.request("POST", "/write?db=shutdown", body: batch.body)
            try #require(response.status == 204, "\(response.status): \(response.text)")
            ledger.recordAcknowledged(writer: 0, batch.lines)
        }

        // A second request is in flight: its head and half its body are sent when SIGTERM arrives.
        let inFlight = ledger.makeBatch(writer: 1, count: 2_000)
        let slow = try HTTPConnection(host: "127.0.0.1", port: server.port)
        let half = inFlight.body.count / 2
        try slow.send(Array("POST /write?db=shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(inFlight.body.count)\r\n\r\n".utf8))
        try slow.send(Array(inFlight.body[..<half]))
        usleep(300_000)
        server.send(signal: SIGTERM)
        usleep(300_000)
        try slow.send(Array(inFlight.body[half...]))
        let answer = try slow.readResponse()
        #expect(answer.status == 204, "the request in flight at SIGTERM: \(answer.status) \(answer.text)")
        if answer.status == 204 { ledger.recordAcknowledged(writer: 1, inFlight.lines) }

        let status = server.waitForExit(timeout: 10)
        #expect(status == 0, "exit status \(String(describing: status)); log:\n\(server.log.suffix(2_000))")
        #expect(server.log.contains("storage closed cleanly"), "log:\n\(server.log.suffix(2_000))")

        let partitions = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/partitions")) ?? []
        #expect(partitions.contains { $0.hasSuffix(".part") }, "no partition file after SIGTERM: \(partitions)")

        let verify = try BuiltExecutable.run(["verify", "--data", directory])
        #expect(verify.status == 0, "histd verify: \(verify.output)")

        let restarted = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-second.log")
        defer { try? FileManager.default.removeItem(atPath: restarted.logPath) }
        let opened = try #require(restarted.log.split(separator: "\n").first { $0.contains("storage opened") })
        #expect(opened.contains("samplesReplayed: 0"), "the WAL still held samples to replay: \(opened)")
        let problems = try ledger.missingOrChanged(port: restarted.port)
        #expect(problems.isEmpty, "\(problems)")
        #expect(ledger.acknowledgedCount == 7_000)
        restarted.send(signal: SIGTERM)
        #expect(restarted.waitForExit(timeout: 10) == 0)
    }

    @Test("a request that never ends cannot hold SIGTERM past limits.shutdown_timeout, and nothing acknowledged is lost")
    func shutdownDeadline() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-deadline-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = SampleLedger()
        let server = try ServerProcess(
            executable: executable, dataDirectory: directory, logPath: directory + "-first.log",
            environment: ["HISTD_LIMITS_SHUTDOWN_TIMEOUT": "3s", "HISTD_LIMITS_REQUEST_TIMEOUT": "10m"])
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        let writer = try HTTPConnection(host: "127.0.0.1", port: server.port)
        for _ in 0..<3 {
            let batch = ledger.makeBatch(writer: 0, count: 1_000)
            let response = try writer.request("POST", "/write?db=deadline", body: batch.body)
            try #require(response.status == 204, "\(response.status): \(response.text)")
            ledger.recordAcknowledged(writer: 0, batch.lines)
        }
        // A write whose body never arrives whole: without the deadline the server would wait for it
        // for the request timeout (10 minutes here).
        let stuck = try HTTPConnection(host: "127.0.0.1", port: server.port)
        try stuck.send(Array("POST /write?db=deadline HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx v=1 1\n".utf8))
        usleep(300_000)
        let signalled = Date()
        server.send(signal: SIGTERM)
        let status = server.waitForExit(timeout: 30)
        let seconds = Date().timeIntervalSince(signalled)
        #expect(status == 1, "exit status \(String(describing: status)); log:\n\(server.log.suffix(2_000))")
        #expect(seconds < 15, "exited \(seconds) s after SIGTERM")
        #expect(server.log.contains("shutdown took longer than limits.shutdown_timeout"), "log:\n\(server.log.suffix(2_000))")

        let restarted = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-second.log")
        defer { try? FileManager.default.removeItem(atPath: restarted.logPath) }
        let problems = try ledger.missingOrChanged(port: restarted.port)
        #expect(problems.isEmpty, "\(problems)")
        #expect(ledger.acknowledgedCount == 3_000)
        restarted.send(signal: SIGTERM)
        #expect(restarted.waitForExit(timeout: 10) == 0)
    }

    @Test("serve refuses to listen beyond loopback without tokens, and says why")
    func refusesOpenListener() throws {
        let directory = NSTemporaryDirectory() + "histd-open-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try BuiltExecutable.run(["serve", "--data", directory, "--http", "0.0.0.0:18086"], timeout: 20)
        #expect(result.status != 0)
        #expect(result.output.contains("refusing to listen on 0.0.0.0:18086 without access tokens"), "output: \(result.output)")
    }
}
