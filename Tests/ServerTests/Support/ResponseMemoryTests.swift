import Foundation
import NIOCore
import Testing

@testable import Server

/// Answers hold their bytes of the budget until written; a client that reads nothing is cut off
/// after the write stall timeout, so others get their answers.
@Suite struct ResponseMemoryTests {
    @Test func reservationsAreCountedReleasedOnceAndRefusedWhenFull() async throws {
        let unit = ResponseMemory.smallAnswerBytes + 1
        let memory = ResponseMemory(limit: 100 * unit, admissionTimeout: .milliseconds(100))
        let first = try await memory.reserve(60 * unit)
        #expect(memory.bytesInFlight == 60 * unit)
        do {
            _ = try await memory.reserve(50 * unit)
            Issue.record("a reservation past the budget was granted")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable)
        }
        // A small answer goes out even while the budget is spent.
        let small = try await memory.reserve(ResponseMemory.smallAnswerBytes)
        #expect(memory.bytesInFlight == 60 * unit)
        small.release()
        first.release()
        first.release()
        #expect(memory.bytesInFlight == 0)
        // Larger than the whole budget: granted alone.
        let large = try await memory.reserve(500 * unit)
        #expect(memory.bytesInFlight == 500 * unit)
        large.release()
        do {
            // Dropping a reservation releases it too.
            _ = try await memory.reserve(40 * unit)
        }
        #expect(memory.bytesInFlight == 0)
    }

    @Test func aClientThatReadsNothingIsCutOffAndTheNextAnswerGoesOut() async throws {
        try await TestServer.with({
            $0.limits.responseMemoryBytes = 1 << 20
            $0.limits.writeStallTimeout = .seconds(1)
        }) { client, _ in
            // 400,000 samples: a raw answer of about 10 MB, far more than the socket buffers hold.
            var lines = ""
            for index in 0..<400_000 { lines += "big v=\(Double(index) + 0.123456789) \(1_704_067_200_000_000_000 + Int64(index) * 1_000_000)\n" }
            #expect(try await client.post("/write", text: lines).status == 204)
            let target = "/api/v1/query?measurement=big&field=v&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z"
            let port = client.port
            // A client with a tiny receive buffer asks and then reads nothing.
            let stalled = try await HTTPTestClient.offThread { () throws -> Int32 in
                let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var size: Int32 = 4_096
                setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                try HTTPTestClient.sendAll(socket, Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
                return socket
            }
            defer { close(stalled) }
            try await Task.sleep(for: .milliseconds(300))
            // The second answer needs the budget the first holds: it goes out once the first client is cut off.
            let started = ContinuousClock.now
            let second = try await client.get(target)
            #expect(second.status == 200, "\(second.status): \(second.text.prefix(200))")
            #expect(second.body.count > 5_000_000)
            #expect(ContinuousClock.now - started < .seconds(5))
            // The stalled connection was closed: reading it to the end finishes.
            let drained = try await HTTPTestClient.offThread { () -> Int in
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(stalled, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var total = 0
                var buffer = [UInt8](repeating: 0, count: 64 << 10)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(stalled, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { return count == 0 || errno == ECONNRESET ? total : -1 }
                    total += count
                }
            }
            #expect(drained >= 0 && drained < second.body.count, "the stalled answer was cut off (\(drained) bytes read)")
        }
    }
}
