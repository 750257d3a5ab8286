import Foundation
import Glibc
import Testing

@testable import Historian
@testable import Server

/// A full or failing disk: writes are answered 507 or 500 with a JSON error, reads go on, nothing
/// acknowledged is lost, `/health` says `fail` while a flush cannot be written and `pass` after,
/// and writes succeed again once there is space, without a restart.
@Suite struct StorageFaultTests {
    @Test func fullDiskAnswers507ThenRecoversWithoutARestart() async throws {
        let faults = FaultSwitch()
        try await TestServer.with({ $0.fileFaults = faults }) { client, _ in
            #expect(try await client.post("/write?precision=s", text: "m v=1 1704067200\n").status == 204)
            faults.fail(.write, pathContaining: "/wal/", with: ENOSPC)
            let refused = try await client.post("/write?precision=s", text: "m v=2 1704067201\n")
            #expect(refused.status == 507)
            let message = try refused.json()["error"] as? String ?? ""
            #expect(message.contains("no space left") && message.contains("No space left on device"), "\(message)")
            faults.clear()
            faults.fail(.write, pathContaining: "/wal/", with: EIO)
            #expect(try await client.post("/write?precision=s", text: "m v=3 1704067202\n").status == 500)
            faults.clear()
            #expect(try await client.post("/write?precision=s", text: "m v=4 1704067203\n").status == 204)
            let query = try await client.get("/query?db=&epoch=s&q=SELECT+v+FROM+m")
            #expect(query.text.contains("[[1704067200,1],[1704067203,4]]"), "\(query.text)")
        }
    }

    @Test func aFailedWALFsyncAnswers500AndWritesResumeWithoutARestart() async throws {
        let faults = FaultSwitch()
        try await TestServer.with({ $0.fileFaults = faults }) { client, _ in
            #expect(try await client.post("/write?precision=s", text: "m v=1 1704067200\n").status == 204)
            faults.fail(.sync, pathContaining: ".wal", with: EIO)
            let failed = try await client.post("/write?precision=s", text: "m v=2 1704067201\n")
            #expect(failed.status == 500)
            #expect((try failed.json()["error"] as? String ?? "").contains("Input/output error"))
            let failing = try await client.get("/health")
            #expect(failing.status == 503)
            #expect(try failing.json()["status"] as? String == "fail")
            faults.clear()
            var status = 0
            for _ in 0..<300 where status != 200 {
                status = try await client.get("/health").status
                if status != 200 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == 200, "/health did not pass again")
            #expect(try await client.post("/write?precision=s", text: "m v=3 1704067202\n").status == 204)
            let query = try await client.get("/query?db=&epoch=s&q=SELECT+v+FROM+m")
            #expect(query.text.contains("[1704067200,1]") && query.text.contains("[1704067202,3]"), "\(query.text)")
        }
    }

    @Test func healthFailsWhileAFlushCannotBeWritten() async throws {
        let faults = FaultSwitch()
        try await TestServer.with({ $0.fileFaults = faults }) { client, _ in
            #expect(try await client.post("/write?precision=s", text: "m v=1 1704067200\n").status == 204)
            let healthy = try await client.get("/health")
            #expect(healthy.status == 200)
            #expect(try healthy.json()["name"] as? String == "histd")
            #expect(try healthy.json()["status"] as? String == "pass")
            faults.fail(.create, pathContaining: "/partitions/", with: ENOSPC)
            #expect(try await client.post("/api/v1/admin/flush", text: "").status == 500)
            let failing = try await client.get("/health")
            #expect(failing.status == 503)
            #expect(try failing.json()["status"] as? String == "fail")
            #expect((try failing.json()["message"] as? String ?? "").contains("No space left on device"))
            #expect(try await client.get("/query?epoch=s&q=SELECT+v+FROM+m").text.contains("[[1704067200,1]]"))
            faults.clear()
            #expect(try await client.post("/api/v1/admin/flush", text: "").status == 200)
            #expect(try await client.get("/health").status == 200)
        }
    }
}
