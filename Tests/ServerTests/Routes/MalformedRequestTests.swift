import Foundation
import Testing

@testable import Server

/// Requests the HTTP parser refuses are the client's fault: 400 with a JSON error, not 500.
@Suite struct MalformedRequestTests {
    @Test func aBodyCutShortIsAnswered400AndNothingIsStored() async throws {
        try await TestServer.with { client, _ in
            let port = client.port
            let response = try await HTTPTestClient.offThread { () throws -> HTTPTestClient.Response in
                let socket = try HTTPTestClient.connect(port: port)
                defer { close(socket) }
                try HTTPTestClient.sendAll(
                    socket, Array("POST /write?db=x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nm v=1 1\nm v=2 2\n".utf8))
                shutdown(socket, Int32(SHUT_WR))
                return try HTTPTestClient.readResponse(socket)
            }
            #expect(response.status == 400)
            #expect(
                (try response.json()["error"] as? String)?.contains("ended before the body its Content-Length announced") == true, "\(response.text)")
            let query = try await client.get("/query?db=x&q=SHOW+MEASUREMENTS")
            #expect(!query.text.contains("\"m\""), "\(query.text)")
        }
    }
}
