import Foundation
import Synchronization
import Testing

@testable import histd

/// `kill -9` of the real `histd serve` while a live chart evaluates: after restarts, the chart's
/// episodes are exactly those of a server that got the same samples without a crash: none lost,
/// none repeated; every episode opens and closes once on the event stream.
@Suite("histd serve: live SPC events survive kill -9", .serialized)
struct LiveEventsCrashTests {
    static let start: Int64 = 1_704_067_200
    static let phaseTwoCount = 3_000
    static let linesPerBatch = 50

    static let definition = """
        {"name": "press temperature", "series": {"measurement": "press", "tags": {"machine": "M1"}, "field": "temp"},
         "type": "imr", "rules": "nelson", "phase1": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:01:40Z"}}
        """

    /// Phase I values (in control) then phase II values with shifts and outliers, one per second.
    static func value(_ index: Int) -> Double {
        let pattern = [0.3, -0.5, 0.8, -0.2, 0.1, -0.9, 0.6, -0.4, 0.2, -0.1, 0.4, -0.6, 0.05]
        var value = 10 + pattern[index % pattern.count]
        guard index >= 100 else { return value }
        if (index / 37) % 4 == 1 { value += 1.2 }
        if index % 53 == 0 { value += 5 }
        return value
    }

    static func batch(_ range: Range<Int>) -> [UInt8] {
        Array(range.map { "press,machine=M1 temp=\(value($0)) \(start + Int64($0))\n" }.joined().utf8)
    }

    /// The chart's episodes as comparable text, once the server has evaluated all samples.
    static func episodes(_ connection: HTTPConnection) throws -> [String] {
        var previous: [String] = []
        for _ in 0..<200 {
            let response = try connection.request("GET", "/api/v1/events?kind=spc_violation&limit=100000")
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let events = json?["events"] as? [[String: Any]] ?? []
            let current = events.map { event in
                ["panel", "rule", "first_time", "last_time", "points", "open"].map { "\(event[$0] ?? "-")" }.joined(separator: " ")
            }.sorted()
            if current == previous && !current.isEmpty { return current }
            previous = current
            usleep(50_000)
        }
        return previous
    }

    /// The stream's messages from the first: (sequence, event id, open).
    static func messages(_ connection: HTTPConnection) throws -> [(Int, String, Bool)] {
        // The stream does not end: read its backlog until the connection has been quiet for 2 s.
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(connection.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return [] }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET /api/v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 0\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var found: [(Int, String, Bool)] = []
        var sequence: Int?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("id: ") { sequence = Int(line.dropFirst(4)) }
            if line.hasPrefix("data: "), let sequence,
                let event = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any],
                let id = event["id"] as? String, let open = event["open"] as? Bool
            {
                found.append((sequence, id, open))
            }
        }
        return found
    }

    @Test("episodes after kill -9 restarts equal those of an uninterrupted server, each sent once")
    func killWhileEvaluating() throws {
        let executable = try BuiltExecutable.histd()
        let crashed = NSTemporaryDirectory() + "histd-live-crash-\(UUID().uuidString)"
        let calm = NSTemporaryDirectory() + "histd-live-calm-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: crashed)
            try? FileManager.default.removeItem(atPath: calm)
        }
        // The reference: all samples, no crash.
        let reference = try ServerProcess(executable: executable, dataDirectory: calm, logPath: calm + ".log")
        defer { try? FileManager.default.removeItem(atPath: reference.logPath) }
        let referenceConnection = try HTTPConnection(host: "127.0.0.1", port: reference.port, receiveTimeout: 60)
        #expect(try referenceConnection.request("POST", "/write?precision=s", body: Self.batch(0..<100)).status == 204)
        #expect(try referenceConnection.request("POST", "/api/v1/spc/charts", body: Array(Self.definition.utf8)).status == 201)
        for start in stride(from: 100, to: 100 + Self.phaseTwoCount, by: Self.linesPerBatch) {
            #expect(try referenceConnection.request("POST", "/write?precision=s", body: Self.batch(start..<start + Self.linesPerBatch)).status == 204)
        }
        let expected = try Self.episodes(referenceConnection)
        #expect(expected.count > 20, "the stream makes many episodes")
        reference.send(signal: SIGTERM)
        _ = reference.waitForExit(timeout: 30)

        // The same samples, killed three times while writing; unacknowledged batches are sent again.
        var next = 100
        var created = false
        for cycle in 1...4 {
            let server = try ServerProcess(executable: executable, dataDirectory: crashed, logPath: crashed + "-\(cycle).log")
            defer { try? FileManager.default.removeItem(atPath: server.logPath) }
            let connection = try HTTPConnection(host: "127.0.0.1", port: server.port, receiveTimeout: 60)
            if !created {
                #expect(try connection.request("POST", "/write?precision=s", body: Self.batch(0..<100)).status == 204)
                #expect(try connection.request("POST", "/api/v1/spc/charts", body: Array(Self.definition.utf8)).status == 201)
                created = true
            }
            let stopAt = cycle == 4 ? 100 + Self.phaseTwoCount : min(100 + Self.phaseTwoCount, next + Self.phaseTwoCount / 4)
            let acknowledged = Atomic<Int>(next)
            let port = server.port
            let writer = Thread { [next] in
                guard let connection = try? HTTPConnection(host: "127.0.0.1", port: port, receiveTimeout: 60) else { return }
                for start in stride(from: next, to: stopAt, by: Self.linesPerBatch) {
                    guard (try? connection.request("POST", "/write?precision=s", body: Self.batch(start..<start + Self.linesPerBatch)))?.status == 204
                    else {
                        return
                    }
                    acknowledged.store(start + Self.linesPerBatch, ordering: .relaxed)
                }
            }
            writer.start()
            if cycle < 4 {
                while acknowledged.load(ordering: .relaxed) < stopAt - Self.linesPerBatch * 3 { usleep(2_000) }
                server.send(signal: SIGKILL)
                #expect(server.waitForExit(timeout: 10) != nil)
                while !writer.isFinished { usleep(1_000) }
                next = acknowledged.load(ordering: .relaxed)
                continue
            }
            while !writer.isFinished { usleep(1_000) }
            #expect(acknowledged.load(ordering: .relaxed) == 100 + Self.phaseTwoCount)
            #expect(try Self.episodes(connection) == expected)
            let messages = try Self.messages(connection)
            var seen = Set<String>()
            for (_, id, open) in messages { #expect(seen.insert("\(id) \(open)").inserted, "message for \(id) open=\(open) sent twice") }
            #expect(messages.map(\.0) == Array(1...messages.count), "sequence numbers 1, 2, 3 ... without gaps")
            server.send(signal: SIGTERM)
            #expect(server.waitForExit(timeout: 30) == 0)
        }
    }
}
