import Foundation
import Testing

@testable import Server

@Suite struct LimitsTests {
    @Test func oversizedBodiesGet413() async throws {
        try await TestServer.with({ $0.limits.maxBodyBytes = 1_000 }) { client, _ in
            let large = String(repeating: "m v=1 1\n", count: 200)
            let response = try await client.post("/write", text: large)
            #expect(response.status == 413)
            #expect(try response.json()["error"] as? String != nil)
            // A small gzip body that inflates beyond the limit.
            let bomb = try Gzip.compress(Array(repeating: UInt8(ascii: "\n"), count: 100_000))
            #expect(bomb.count < 1_000)
            let inflated = try await client.post("/write", body: bomb, headers: ["Content-Encoding": "gzip"])
            #expect(inflated.status == 413)
            #expect(try await client.post("/write", text: "m v=1 1\n").status == 204)
        }
    }

    @Test func aClientThatStopsSendingItsBodyGetsATimeoutAndOthersAreServed() async throws {
        try await TestServer.with({ $0.limits.requestTimeout = .milliseconds(500) }) { client, _ in
            let socket = try HTTPTestClient.connect(port: client.port)
            defer { close(socket) }
            try HTTPTestClient.sendAll(socket, Array("POST /write HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nm v=1".utf8))
            // Meanwhile another client is served.
            #expect(try await client.post("/write", text: "m v=2 2\n").status == 204)
            let response = try await HTTPTestClient.offThread { try HTTPTestClient.readResponse(socket) }
            #expect(response.status == 408)
        }
    }

    @Test func oversizedHeadersAreRefused() async throws {
        try await TestServer.with({ $0.limits.maxHeaderBytes = 1_024 }) { (client, _) async throws in
            let response = try? await client.get("/health", headers: ["X-Padding": String(repeating: "a", count: 4_096)])
            #expect(response == nil || response?.status ?? 0 >= 400)
            #expect(try await client.get("/health").status == 200)
        }
    }
}
