import Foundation
import Historian
import Synchronization
import TestSupport
import Testing

@testable import Live

/// A chart's webhook gets every stream message, in order, at least once: a failed POST is retried.
@Suite struct WebhookTests {
    /// A one-thread HTTP receiver on a free loopback port: answers 500 to the first request, 204
    /// to the others, and keeps the bodies.
    final class Receiver: @unchecked Sendable {
        let port: Int
        let bodies = Mutex<[String]>([])
        let requests = Atomic<Int>(0)
        private let listener: Int32

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            listen(descriptor, 16)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            listener = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
            Thread { [self] in serve() }.start()
        }

        private func serve() {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { break }
                    received += buffer[0..<count]
                    let text = String(decoding: received, as: UTF8.self)
                    guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
                    let length =
                        text[..<headEnd.lowerBound].components(separatedBy: "\r\n")
                        .first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    let body = String(text[headEnd.upperBound...])
                    guard body.utf8.count >= length else { continue }
                    let number = requests.wrappingAdd(1, ordering: .relaxed).newValue
                    let status = number == 1 ? "500 Internal Server Error" : "204 No Content"
                    if number > 1 { bodies.withLock { $0.append(body) } }
                    let reply = Array("HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                    _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    break
                }
                close(connection)
            }
        }
    }

    @Test func everyMessageReachesTheWebhookInOrderAfterARetry() throws {
        let receiver = try Receiver()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let (phaseOne, phaseTwo) = LiveSPCTests.stream(120, seed: 2)
        try LiveSPCTests.write(historian, phaseOne[...])
        let live = try LiveSPC(historian: historian)
        defer { live.close() }
        #expect(throws: LiveError.self) {
            try live.create(try LiveSPCTests.definition(["webhook": .string("https://mes.local/alarms")]), author: "t", reason: nil, now: 0)
        }
        _ = try live.create(
            try LiveSPCTests.definition(["webhook": .string("http://127.0.0.1:\(receiver.port)/alarms")]), author: "t", reason: nil, now: 0)
        try LiveSPCTests.write(historian, phaseTwo[...])
        live.waitUntilEvaluated()
        let messages = try live.messages(after: 0)
        #expect(messages.count > 2)
        // The first POST fails; after the back-off of 1 s the rest arrive.
        let deadline = Date().addingTimeInterval(20)
        while receiver.bodies.withLock({ $0.count }) < messages.count && Date() < deadline { usleep(50_000) }
        let bodies = receiver.bodies.withLock { $0 }
        #expect(bodies == messages.map { String(decoding: $0.data, as: UTF8.self) })
        #expect(receiver.requests.load(ordering: .relaxed) == messages.count + 1)
        let state = try #require(live.webhookState(of: 1)?.object)
        #expect(state["delivered_through"] == .integer(messages.last?.sequence ?? 0))
        #expect(state["pending"] == .integer(0) && state["attempts"] == .integer(0))
    }
}
