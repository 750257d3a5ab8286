import Foundation
import Testing

@testable import Server

/// One client cannot exhaust the server's connections: 1,100 connections from one address, each
/// trickling its request header, leave another client's requests answered; past the per-client
/// limit connections are closed at once, and the others when their header deadline passes,
/// although bytes keep trickling in.
@Suite(.serialized) struct ConnectionGuardTests {
    /// A TCP connection to 127.0.0.1:`port` from `source`, with a receive timeout of `seconds`.
    static func connect(port: Int, from source: String, receiveTimeout seconds: Int = 10) throws -> Int32 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HTTPTestClient.ClientError("socket() failed: errno \(errno)") }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = local
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, connected == 0 else {
            close(socket)
            throw HTTPTestClient.ClientError("connect from \(source) failed: errno \(errno)")
        }
        return socket
    }

    /// Whether the server closed `socket` (a read returns end of file or a reset) within its receive timeout.
    static func closedByServer(_ socket: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, 0)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    @Test func tricklingConnectionsFromOneAddressDoNotStopOthers() async throws {
        // Long enough that opening the 1,100 connections ends before the first deadline, on a loaded machine too.
        try await TestServer.with({ $0.limits.headerTimeout = .seconds(8) }) { client, configuration in
            let port = client.port
            let outcome = try await HTTPTestClient.offThread { () throws -> (answered: Int, refusedAtOnce: Int, closedLater: Int) in
                var sockets: [Int32] = []
                defer { sockets.forEach { close($0) } }
                for _ in 0..<1_100 {
                    let socket = try Self.connect(port: port, from: "127.0.0.1", receiveTimeout: 1)
                    _ = "GET /health HTTP/1.1\r\nHo".withCString { send(socket, $0, 24, Int32(MSG_NOSIGNAL)) }
                    sockets.append(socket)
                }
                // Another client is answered meanwhile.
                let other = try Self.connect(port: port, from: "127.0.0.2")
                defer { close(other) }
                try HTTPTestClient.sendAll(other, Array("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
                let answered = try HTTPTestClient.readResponse(other).status == 200 ? 1 : 0
                // Past the per-client limit, connections were closed as they opened.
                let refusedAtOnce = sockets[configuration.limits.maxConnectionsPerClient...].filter(Self.closedByServer).count
                // The others are closed at their header deadline although a byte arrives every 0.5 s.
                for _ in 0..<20 {
                    for socket in sockets.prefix(configuration.limits.maxConnectionsPerClient) {
                        _ = "s".withCString { send(socket, $0, 1, Int32(MSG_NOSIGNAL)) }
                    }
                    usleep(500_000)
                }
                let closedLater = sockets.prefix(configuration.limits.maxConnectionsPerClient).filter(Self.closedByServer).count
                return (answered, refusedAtOnce, closedLater)
            }
            #expect(outcome.answered == 1)
            #expect(outcome.refusedAtOnce == 1_100 - 256)
            #expect(outcome.closedLater == 256)
            #expect(try await client.get("/health").status == 200)
        }
    }

    /// Sends `request` on a new connection and reads the answer.
    static func exchange(port: Int, _ request: [UInt8]) throws -> HTTPTestClient.Response {
        let socket = try connect(port: port, from: "127.0.0.1")
        defer { close(socket) }
        try HTTPTestClient.sendAll(socket, request)
        return try HTTPTestClient.readResponse(socket)
    }

    static func errorMessage(_ response: HTTPTestClient.Response) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try #require(object?["error"] as? String)
    }

    @Test func requestsTheParserRefusesGetAJSONError() async throws {
        try await TestServer.with { client, configuration in
            let port = client.port
            let longTarget = "/api/v1/series?measurement=" + String(repeating: "a", count: configuration.limits.maxHeaderBytes * 2)
            let long = try await HTTPTestClient.offThread {
                try Self.exchange(port: port, Array("GET \(longTarget) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            }
            #expect(long.status == 400)
            #expect(long.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(try Self.errorMessage(long).contains("limits.max_header_bytes"))
            let nul = try await HTTPTestClient.offThread {
                try Self.exchange(port: port, Array("GET /health HTTP/1.1\r\nHost: x\r\nAuthorization: Token a".utf8) + [0] + Array("b\r\n\r\n".utf8))
            }
            #expect(nul.status == 400)
            #expect(try Self.errorMessage(nul).contains("control character"))
            #expect(try await client.get("/health").status == 200)
        }
    }

    @Test func aSaturatedServerStillAnswersHealthAndMetrics() async throws {
        try await TestServer.with({ $0.limits.maxConnections = 3 }) { client, _ in
            let port = client.port
            let outcome = try await HTTPTestClient.offThread { () throws -> [HTTPTestClient.Response] in
                // Three idle connections with a request under way take every regular slot.
                var held: [Int32] = []
                defer { held.forEach { close($0) } }
                for _ in 0..<3 {
                    let socket = try Self.connect(port: port, from: "127.0.0.1")
                    try HTTPTestClient.sendAll(socket, Array("GET /health HTTP/1.1\r\nHo".utf8))
                    held.append(socket)
                }
                usleep(200_000)
                return try ["/health", "/metrics", "/api/v1/series?measurement=m"].map { target in
                    try Self.exchange(port: port, Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
                }
            }
            #expect(outcome[0].status == 200)
            #expect(outcome[1].status == 200)
            #expect(outcome[2].status == 503)
            #expect(outcome[2].headers["retry-after"] == "1")
            #expect(try Self.errorMessage(outcome[2]).contains("limits.max_connections"))
            // Once the server has seen the held connections close, every request is served again.
            var status = 0
            for _ in 0..<50 where status != 200 {
                status = try await client.get("/api/v1/series?measurement=m").status
                if status != 200 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == 200)
        }
    }
}
