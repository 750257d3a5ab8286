import Foundation
import Testing

@testable import Server

@Suite struct LimitsTests {
    @Test func oversizedBodiesGet413() async throws {
        // Tiny timestamps: the plausible window is off.
        try await TestServer.with({
            $0.limits.maxBodyBytes = 1_000
            $0.checkPlausibleTimes = false
        }) { client, _ in
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

    /// A chunked body declares no length: it is parsed while it arrives and refused once it passes
    /// the limit, and none of its lines, complete ones included, is stored.
    @Test func aChunkedBodyPastTheLimitGets413AndStoresNothing() async throws {
        try await TestServer.with({ $0.limits.maxBodyBytes = 1_000 }) { client, _ in
            let port = client.port
            let response = try await HTTPTestClient.offThread { () throws -> HTTPTestClient.Response in
                let socket = try HTTPTestClient.connect(port: port)
                defer { close(socket) }
                try HTTPTestClient.sendAll(
                    socket, Array("POST /write?precision=s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
                for second in 0..<100 {
                    let line = Array("big v=\(second) \(1_704_067_200 + second)\n".utf8)
                    // The server may answer and close before the rest is sent.
                    do {
                        try HTTPTestClient.sendAll(socket, Array((String(line.count, radix: 16) + "\r\n").utf8) + line + Array("\r\n".utf8))
                    } catch {
                        break
                    }
                }
                try? HTTPTestClient.sendAll(socket, Array("0\r\n\r\n".utf8))
                return try HTTPTestClient.readResponse(socket)
            }
            #expect(response.status == 413, "\(response.text)")
            let stored = try await client.get("/api/v1/query?measurement=big&field=v&from=1704067200s&to=1704067300s")
            #expect(stored.status == 200)
            #expect((try stored.json()["series"] as? [[String: Any]])?.isEmpty == true, "\(stored.text)")
        }
    }

    @Test func aClientThatStopsSendingItsBodyGetsATimeoutAndOthersAreServed() async throws {
        // Tiny timestamps: the plausible window is off.
        try await TestServer.with({
            $0.limits.requestTimeout = .milliseconds(500)
            $0.checkPlausibleTimes = false
        }) { client, _ in
            let socket = try HTTPTestClient.connect(port: client.port)
            defer { close(socket) }
            try HTTPTestClient.sendAll(socket, Array("POST /write HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nstalled v=1 1\nm v=1".utf8))
            // Meanwhile another client is served.
            #expect(try await client.post("/write", text: "m v=2 2\n").status == 204)
            let response = try await HTTPTestClient.offThread { try HTTPTestClient.readResponse(socket) }
            #expect(response.status == 408)
            // The complete line it sent before stalling is not stored either.
            let stalled = try await client.get("/api/v1/query?measurement=stalled&field=v&from=0&to=10")
            #expect((try stalled.json()["series"] as? [[String: Any]])?.isEmpty == true, "\(stalled.text)")
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
