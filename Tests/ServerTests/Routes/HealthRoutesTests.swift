import Foundation
import TestSupport
import Testing

@testable import Server

@Suite struct HealthRoutesTests {
    /// The value of a sample line `name value` in Prometheus text.
    static func metric(_ text: String, _ name: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    @Test func metricsCountWritesRejectionsAndFsyncs() async throws {
        // Tiny timestamps: the plausible window is off.
        try await TestServer.with({ $0.checkPlausibleTimes = false }) { client, _ in
            let body = "m,machine=a v=1,w=2 1\nm,machine=a v=2,w=3 2\nnot line protocol\n"
            let write = try await client.post("/write", text: body)
            #expect(write.status == 400)
            let response = try await client.get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("text/plain") == true)
            let text = response.text
            #expect(Self.metric(text, "histd_ingested_values_total") == 4)
            #expect(Self.metric(text, "histd_ingested_lines_total") == 2)
            #expect(Self.metric(text, "histd_rejected_lines_total") == 1)
            #expect(Self.metric(text, "histd_ingested_bytes_total") == Double(body.utf8.count))
            #expect(Self.metric(text, "histd_series") == 2)
            #expect((Self.metric(text, "histd_wal_fsync_seconds_count") ?? 0) >= 1)
            #expect((Self.metric(text, "histd_wal_bytes") ?? 0) > 0)
            #expect((Self.metric(text, "histd_head_memory_bytes") ?? 0) > 0)
        }
    }

    @Test func queryLatencyCountsQueriesAndInfluxQL() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write?precision=s", text: "m v=1 1704067200\n").status == 204)
            #expect(try await client.get("/api/v1/query?measurement=m&field=v&from=0&to=now").status == 200)
            #expect(try await client.get("/query?q=SELECT+v+FROM+m").status == 200)
            #expect(try await client.get("/health").status == 200)
            let text = try await client.get("/metrics").text
            #expect(Self.metric(text, "histd_query_duration_seconds_count") == 2)
        }
    }

    @Test func randomAndMutatedBodiesNeverBreakTheServer() async throws {
        try await TestServer.with { client, _ in
            var generator = SplitMix64(seed: 7)
            let valid = Array("cpu,host=a,region=eu usage=0.5,count=3i,ok=true,msg=\"hi\" 1704067200000000000\n".utf8)
            for round in 0..<200 {
                var body: [UInt8]
                if round % 4 == 0 {
                    body = (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                } else {
                    body = Array(repeating: valid, count: 3).flatMap { $0 }
                    for _ in 0..<(1 + Int(generator.next() % 4)) {
                        let position = Int(generator.next() % UInt64(body.count))
                        body[position] = UInt8(truncatingIfNeeded: generator.next())
                    }
                }
                let response = try await client.post("/write", body: body)
                #expect(response.status == 204 || response.status == 400, "round \(round): \(response.status) \(response.text)")
                if response.status == 400 {
                    #expect((try response.json()["error"] as? String)?.isEmpty == false)
                }
            }
            #expect(try await client.get("/health").status == 200)
        }
    }
}
