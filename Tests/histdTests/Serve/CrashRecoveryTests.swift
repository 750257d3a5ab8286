import Foundation
import Synchronization
import Testing

@testable import histd

/// `kill -9` of the real `histd serve` while writes are in flight loses no acknowledged sample.
@Suite("histd serve: kill -9 recovery", .serialized)
struct CrashRecoveryTests {
    static let writers = 3
    static let linesPerBatch = 400
    static let cycles = 3

    @Test("every sample acknowledged with 204 before kill -9 is there after restart, bit-exact")
    func killWhileWriting() throws {
        let executable = try BuiltExecutable.histd()
        let directory = NSTemporaryDirectory() + "histd-crash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = SampleLedger()
        for cycle in 1...Self.cycles {
            let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-cycle\(cycle).log")
            defer { try? FileManager.default.removeItem(atPath: server.logPath) }
            // What earlier cycles acknowledged survived their kill.
            let before = try ledger.missingOrChanged(port: server.port)
            #expect(before.isEmpty, "cycle \(cycle), after restart: \(before)")

            let acknowledgedBefore = ledger.acknowledgedCount
            let state = WriterState()
            let done = DispatchGroup()
            let port = server.port
            for writer in 0..<Self.writers {
                done.enter()
                Thread {
                    defer { done.leave() }
                    Self.write(writer: writer, port: port, ledger: ledger, state: state)
                }.start()
            }
            usleep(UInt32.random(in: 300_000...900_000))
            server.send(signal: SIGKILL)
            state.stop.store(true, ordering: .relaxed)
            done.wait()
            #expect(server.waitForExit(timeout: 10) != nil, "cycle \(cycle): the killed server did not exit")
            let problems = state.unexpected.withLock { $0 }
            #expect(problems.isEmpty, "cycle \(cycle): \(problems)")
            #expect(ledger.acknowledgedCount > acknowledgedBefore, "cycle \(cycle): no batch was acknowledged before the kill")
        }
        let server = try ServerProcess(executable: executable, dataDirectory: directory, logPath: directory + "-final.log")
        defer { try? FileManager.default.removeItem(atPath: server.logPath) }
        let after = try ledger.missingOrChanged(port: server.port)
        #expect(after.isEmpty, "after the last restart: \(after)")
        server.send(signal: SIGTERM)
        #expect(server.waitForExit(timeout: 30) == 0)
    }

    /// What the writer threads share: the signal that the server was killed and what went wrong.
    private final class WriterState: Sendable {
        let stop = Atomic<Bool>(false)
        let unexpected = Mutex<[String]>([])
    }

    /// Posts batches until the connection fails (the kill) or `stop` is set; records what got 204.
    private static func write(writer: Int, port: Int, ledger: SampleLedger, state: WriterState) {
        guard let connection = try? HTTPConnection(host: "127.0.0.1", port: port) else {
            state.unexpected.withLock { $0.append("writer \(writer) could not connect") }
            return
        }
        while !state.stop.load(ordering: .relaxed) {
            let batch = ledger.makeBatch(writer: writer, count: linesPerBatch)
            do {
                let response = try connection.request("POST", "/write?db=crash", body: batch.body)
                if response.status == 204 {
                    ledger.recordAcknowledged(writer: writer, batch.lines)
                } else {
                    state.unexpected.withLock { $0.append("writer \(writer): status \(response.status) \(response.text.prefix(200))") }
                    return
                }
            } catch {
                // The kill: this batch was not acknowledged, so nothing is expected of it. A failure
                // while the server still runs is a fault of its own.
                for _ in 0..<100 where !state.stop.load(ordering: .relaxed) { usleep(10_000) }
                if !state.stop.load(ordering: .relaxed) {
                    state.unexpected.withLock { $0.append("writer \(writer) failed before the kill: \(error)") }
                }
                return
            }
        }
    }
}
