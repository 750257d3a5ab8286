import Foundation
import Testing

@testable import Server

@Suite struct WriteRoutesTests {
    /// Raw values of one series, as (time ns, value) pairs.
    static func values(_ client: HTTPTestClient, _ query: String) async throws -> [[Any]] {
        let response = try await client.get("/api/v1/query?" + query)
        #expect(response.status == 200, "\(response.text)")
        let series = try response.json()["series"] as? [[String: Any]] ?? []
        return series.flatMap { $0["values"] as? [[Any]] ?? [] }
    }

    @Test func influxDB1WriteIsStoredWithTheDatabaseAsTag() async throws {
        try await TestServer.with { client, _ in
            let response = try await client.post(
                "/write?db=plant&precision=s", text: "m,machine=a temp=21.5 1704067200\nm,machine=a temp=22.25 1704067201\n")
            #expect(response.status == 204)
            let listed = try await client.get("/api/v1/query?measurement=m&tag=db=plant&tag=machine=a&field=temp&from=1704067200s&to=1704067300s")
            let series = try #require(try listed.json()["series"] as? [[String: Any]])
            #expect(series.count == 1)
            #expect(series[0]["tags"] as? [String: String] == ["db": "plant", "machine": "a"])
            let rows = try #require(series[0]["values"] as? [[Any]])
            #expect(rows.count == 2)
            #expect(rows[0][0] as? Int64 == 1_704_067_200_000_000_000)
            #expect(rows[0][1] as? Double == 21.5)
            #expect(rows[1][1] as? Double == 22.25)
            // Every row is good, so the rows are [time, value] without a quality column.
            #expect(series[0]["columns"] as? [String] == ["time", "value"])
            #expect(rows[0].count == 2)
        }
    }

    @Test func influxDB2WriteNeedsABucketAndTakesPrecision() async throws {
        try await TestServer.with { client, _ in
            let missing = try await client.post("/api/v2/write?org=o&precision=ms", text: "m v=1 1704067200000\n")
            #expect(missing.status == 400)
            #expect(missing.text.contains("bucket"))
            let written = try await client.post("/api/v2/write?org=o&bucket=line1&precision=ms", text: "m v=1 1704067200000\n")
            #expect(written.status == 204)
            let rows = try await Self.values(client, "measurement=m&tag=db=line1&field=v&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z")
            #expect(rows.count == 1)
            #expect(rows.first?[0] as? Int64 == 1_704_067_200_000_000_000)
        }
    }

    @Test func gzipBodiesAreInflated() async throws {
        try await TestServer.with { client, _ in
            var text = ""
            for second in 0..<1_000 { text += "m,machine=z v=\(second).5 \(1_704_067_200 + second)\n" }
            let compressed = try Gzip.compress(Array(text.utf8))
            #expect(compressed.count < text.utf8.count / 2)
            let response = try await client.post("/write?db=d&precision=s", body: compressed, headers: ["Content-Encoding": "gzip"])
            #expect(response.status == 204, "\(response.text)")
            let rows = try await Self.values(client, "measurement=m&field=v&from=1704067200s&to=1704068200s")
            #expect(rows.count == 1_000)
            #expect(rows.last?[1] as? Double == 999.5)
            let corrupt = try await client.post("/write?db=d", body: Array(compressed.prefix(20)), headers: ["Content-Encoding": "gzip"])
            #expect(corrupt.status == 400)
            #expect(corrupt.text.contains("gzip"))
        }
    }

    @Test func badLinesAreReportedByNumberAndTheRestIsKept() async throws {
        try await TestServer.with { client, _ in
            let body = """
                m,machine=a v=1 1704067200
                this is not line protocol
                m,machine=a v=2 1704067201
                m,machine=a v="text" 1704067202
                m,machine=a v=3 1704067203

                """
            let response = try await client.post("/write?db=d&precision=s", text: body)
            #expect(response.status == 400)
            let message = try #require(try response.json()["error"] as? String)
            #expect(message.hasPrefix("partial write:"))
            #expect(message.contains("line 2"))
            #expect(message.contains("line 4"))
            #expect(message.hasSuffix("dropped=2"))
            let rows = try await Self.values(client, "measurement=m&field=v&from=1704067200s&to=1704067300s")
            #expect(rows.map { $0[1] as? Double } == [1, 2, 3])
            // Ingesters are reused between requests: line numbers start again at 1.
            let second = try await client.post("/write?db=d&precision=s", text: "broken\nm,machine=a v=4 1704067204\n")
            #expect(second.status == 400)
            #expect((try second.json()["error"] as? String)?.hasPrefix("partial write: line 1,") == true, "\(second.text)")
            let after = try await Self.values(client, "measurement=m&field=v&from=1704067200s&to=1704067300s")
            #expect(after.map { $0[1] as? Double } == [1, 2, 3, 4])
        }
    }

    /// Plain bodies are parsed piece by piece as they arrive: lines cut anywhere between pieces
    /// (mid-number, mid-tag, right after the newline) are stored whole, line numbers count across
    /// pieces, and a last line without a newline counts.
    @Test func aBodyArrivingInSmallPiecesIsParsedAcrossTheirBoundaries() async throws {
        try await TestServer.with { client, _ in
            var lines: [String] = []
            for second in 0..<300 {
                lines.append(
                    second == 150
                        ? "m,machine=p v=broken \(1_704_067_200 + second)" : "m,machine=p v=\(second).25,w=\(second)i \(1_704_067_200 + second)")
            }
            let body = Array(lines.joined(separator: "\n").utf8)
            let port = client.port
            let response = try await HTTPTestClient.offThread { () throws -> HTTPTestClient.Response in
                let socket = try HTTPTestClient.connect(port: port)
                defer { close(socket) }
                let head = "POST /write?db=d&precision=s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                try HTTPTestClient.sendAll(socket, Array(head.utf8))
                var offset = 0
                var size = 1
                while offset < body.count {
                    let piece = body[offset..<min(body.count, offset + size)]
                    try HTTPTestClient.sendAll(socket, Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8))
                    offset += piece.count
                    size = size % 97 + 13
                    if offset % 5 == 0 { usleep(200) }
                }
                try HTTPTestClient.sendAll(socket, Array("0\r\n\r\n".utf8))
                return try HTTPTestClient.readResponse(socket)
            }
            #expect(response.status == 400, "\(response.text)")
            let message = try #require(try response.json()["error"] as? String)
            #expect(message.hasPrefix("partial write: line 151"), "\(message)")
            #expect(message.hasSuffix("dropped=1"))
            let values = try await Self.values(client, "measurement=m&field=v&from=1704067200s&to=1704067500s")
            let expectedValues: [Double?] = (0..<300).filter { $0 != 150 }.map { Double($0) + 0.25 }
            #expect(values.map { $0[1] as? Double } == expectedValues)
            let integers = try await Self.values(client, "measurement=m&field=w&from=1704067200s&to=1704067500s")
            let expectedIntegers: [Int64?] = (0..<300).filter { $0 != 150 }.map { Int64($0) }
            #expect(integers.map { $0[1] as? Int64 } == expectedIntegers)
        }
    }

    @Test func aFieldWhoseTypeConflictsWithItsSeriesIsRejectedAlone() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write?precision=s", text: "m count=1i 1704067200\n").status == 204)
            let response = try await client.post("/write?precision=s", text: "m count=2.5,other=1 1704067201\nm count=3i 1704067202\n")
            #expect(response.status == 400)
            let message = try #require(try response.json()["error"] as? String)
            #expect(message.contains("line 1"))
            #expect(message.contains("integer"))
            let counts = try await Self.values(client, "measurement=m&field=count&from=1704067200s&to=1704067300s")
            #expect(counts.map { $0[1] as? Int64 } == [1, 3])
            let others = try await Self.values(client, "measurement=m&field=other&from=1704067200s&to=1704067300s")
            #expect(others.count == 1)
        }
    }

    @Test func unsupportedPrecisionIsABadRequest() async throws {
        try await TestServer.with { client, _ in
            let response = try await client.post("/write?precision=h", text: "m v=1 1\n")
            #expect(response.status == 400)
            #expect(response.text.contains("precision"))
        }
    }
}
