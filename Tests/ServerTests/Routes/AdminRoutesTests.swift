import Foundation
import Testing

@testable import Server

@Suite struct AdminRoutesTests {
    static let thirtyDays: Int64 = 30 * 86_400_000_000_000

    static func partitionCount(_ configuration: ServerConfiguration) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: configuration.dataDirectory + "/partitions").count
    }

    @Test func flushWritesPartitionsAndMaintenanceAppliesRetention() async throws {
        try await TestServer.with({
            $0.maintenance.retention = Self.thirtyDays
            $0.maintenance.interval = .seconds(3_600)
        }) { client, configuration in
            // 2020 is far beyond 30 days of retention; today is within it.
            let now = Int64(Date().timeIntervalSince1970) * 1_000_000_000
            #expect(try await client.post("/write", text: "old v=1 1577836800000000000\nnew v=2 \(now)\n").status == 204)
            let flush = try await client.post("/api/v1/admin/flush", body: [])
            #expect(flush.status == 200)
            #expect(try flush.json()["partitions_written"] as? Int == 2)
            #expect(try Self.partitionCount(configuration) == 2)
            let run = try await client.post("/api/v1/admin/maintenance", body: [])
            #expect(run.status == 200)
            #expect(try run.json()["partitions_dropped"] as? Int == 1)
            #expect(try Self.partitionCount(configuration) == 1)
            let old = try await client.get("/api/v1/query?measurement=old&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
            #expect(((try old.json()["series"] as? [[String: Any]])?.first?["values"] as? [[Any]])?.isEmpty == true)
            let new = try await client.get("/api/v1/query?measurement=new&mode=latest")
            #expect(((try new.json()["series"] as? [[String: Any]])?.first?["values"] as? [[Any]])?.count == 1)
        }
    }

    @Test func retentionAlsoRunsInTheBackground() async throws {
        try await TestServer.with({
            $0.maintenance.retention = Self.thirtyDays
            $0.maintenance.interval = .milliseconds(200)
        }) { client, configuration in
            #expect(try await client.post("/write", text: "old v=1 1577836800000000000\n").status == 204)
            #expect(try await client.post("/api/v1/admin/flush", body: []).status == 200)
            var remaining = -1
            for _ in 0..<100 {
                remaining = try Self.partitionCount(configuration)
                if remaining == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(remaining == 0)
        }
    }
}
