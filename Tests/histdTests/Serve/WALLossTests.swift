import Foundation
import Testing

@testable import histd

/// A WAL deleted while the daemon was stopped held acknowledged writes: the real binary refuses to
/// start and `histd verify` reports a fault, both naming the missing segment, until the operator
/// accepts the loss with `--accept-wal-loss`.
@Suite("histd serve: a lost WAL is refused, not silently ignored", .serialized)
struct WALLossTests {
    @Test("a deleted WAL stops the start and fails verify; --accept-wal-loss opens with what is left")
    func deletedWALIsRefused() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-wal-loss-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let server = try ServerProcess(
                executable: executable, dataDirectory: directory, logPath: directory + "-first.log", environment: ["HISTD_WRITE_CHECK_TIMES": "false"]
            )
            defer { try? FileManager.default.removeItem(atPath: server.logPath) }
            let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 60)
            #expect(try connection.request("POST", "/write?db=plant", body: Array("m v=1 1000\n".utf8)).status == 204)
            server.send(signal: SIGKILL)
            #expect(server.waitForExit(timeout: 10) != nil)
        }
        try FileManager.default.removeItem(atPath: directory + "/wal")

        let verify = try BuiltExecutable.run(["verify", "--data", directory])
        #expect(verify.status != 0)
        #expect(verify.output.contains("WAL segment missing"), "\(verify.output)")

        let refused = try BuiltExecutable.run(["serve", "--data", directory, "--http", "127.0.0.1:0"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("WAL segment missing") && refused.output.contains("--accept-wal-loss"), "\(refused.output.suffix(1_000))")

        let accepted = try ServerProcess(
            executable: executable, dataDirectory: directory, logPath: directory + "-accepted.log", arguments: ["--accept-wal-loss"])
        defer { try? FileManager.default.removeItem(atPath: accepted.logPath) }
        #expect(accepted.log.contains("opened with --accept-wal-loss"), "\(accepted.log.suffix(1_000))")
        accepted.send(signal: SIGTERM)
        #expect(accepted.waitForExit(timeout: 30) == 0)
        let clean = try BuiltExecutable.run(["verify", "--data", directory])
        #expect(clean.status == 0, "after the accepted open and a clean stop: \(clean.output)")
    }
}
