import Foundation
import Testing

@testable import Server

/// Live SPC through the daemon: chart definitions with revisions, events, acknowledgement and the
/// event stream, with the keys the API names.
@Suite struct LiveRoutesTests {
    /// Phase I (in control, 1 s apart from 2024-01-01T00:00:00Z) and phase II (a shift of 3 σ from
    /// point 20 on) of `press,machine=M1 temp`, as line protocol.
    static func lines(phaseTwo: Bool) -> String {
        let start: Int64 = 1_704_067_200
        var text = ""
        let pattern = [0.3, -0.5, 0.8, -0.2, 0.1, -0.9, 0.6, -0.4, 0.2, -0.1]
        if !phaseTwo {
            for index in 0..<100 { text += "press,machine=M1 temp=\(10 + pattern[index % 10]) \(start + Int64(index))\n" }
        } else {
            for index in 0..<40 {
                text += "press,machine=M1 temp=\(10 + pattern[index % 10] + (index >= 20 ? 3 : 0)) \(start + 200 + Int64(index))\n"
            }
        }
        return text
    }

    static let definition = """
        {"name": "press temperature", "series": {"measurement": "press", "tags": {"machine": "M1"}, "field": "temp"},
         "type": "imr", "rules": "we", "phase1": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:01:40Z"},
         "causes": ["coolant", "sensor"], "reason": "new line"}
        """

    @Test func chartsEventsAcknowledgementAndTheStream() async throws {
        try await TestServer.with { client, _ in
            #expect(try await client.post("/write?precision=s", text: Self.lines(phaseTwo: false)).status == 204)
            let created = try await client.post("/api/v1/spc/charts", text: Self.definition)
            #expect(created.status == 201, "\(created.text)")
            let chart = try created.json()
            #expect(chart["id"] as? Int == 1 && chart["revision"] as? Int == 1)
            let limits = try #require(chart["limits"] as? [String: Any])
            #expect((limits["center"] as? Double).map { abs($0 - 9.99) < 1e-9 } == true, "\(limits)")
            #expect(limits["ucl"] != nil && limits["lcl"] != nil && limits["sigma"] != nil && limits["secondary"] != nil)
            #expect(limits["statistics"] == nil)

            // Refusals name the key; nothing is saved.
            for (body, key, status) in [
                (Self.definition.replacingOccurrences(of: "\"imr\"", with: "\"bogus\""), "type", 400),
                (Self.definition.replacingOccurrences(of: "\"temp\"", with: "\"pressure\""), "series", 400),
                (Self.definition.replacingOccurrences(of: "\"rules\"", with: "\"rulez\""), "rulez", 400),
                (Self.definition, "exists already", 409),
            ] {
                let refused = try await client.post("/api/v1/spc/charts", text: body)
                #expect(refused.status == status && refused.text.contains(key), "\(key): \(refused.text)")
            }
            #expect((try await client.get("/api/v1/spc/charts").json()["charts"] as? [Any])?.count == 1)

            // Phase II shifts: the chart reports episodes as the samples arrive.
            #expect(try await client.post("/write?precision=s", text: Self.lines(phaseTwo: true)).status == 204)
            var events: [[String: Any]] = []
            for _ in 0..<100 {
                events = try await client.get("/api/v1/events?kind=spc_violation").json()["events"] as? [[String: Any]] ?? []
                if !events.isEmpty { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let first = try #require(
                events.filter { $0["rule"] as? String == "WE1" && $0["panel"] as? String == "individuals" }
                    .min { ($0["first_time"] as? Int ?? 0) < ($1["first_time"] as? Int ?? 0) })
            for key in ["id", "episode", "kind", "chart", "rule", "severity", "first_time", "last_time", "points", "open", "acknowledged"] {
                #expect(first[key] != nil, "event key \(key)")
            }
            #expect(first["severity"] as? String == "alarm" && first["chart"] as? Int == 1)
            #expect(first["first_time"] as? Int == (1_704_067_200 + 220) * 1_000_000_000)
            #expect(try await client.get("/api/v1/events?machine=M1&open=true").json()["events"] as? [Any] != nil)
            #expect(try await client.get("/api/v1/events?kind=nonsense").status == 400)

            // Acknowledgement: a cause from the chart's list; twice is a conflict.
            let id = try #require(first["id"] as? String)
            let wrongCause = try await client.post("/api/v1/events/\(id)/ack", text: #"{"cause": "gremlins", "action": "reset"}"#)
            #expect(wrongCause.status == 400 && wrongCause.text.contains("cause"))
            let acknowledged = try await client.post(
                "/api/v1/events/\(id)/ack", text: #"{"cause": "coolant", "action": "refilled", "comment": "low"}"#)
            #expect(acknowledged.status == 200, "\(acknowledged.text)")
            let acknowledgement = try #require(try acknowledged.json()["acknowledged"] as? [String: Any])
            #expect(acknowledgement["by"] as? String == "anonymous" && acknowledgement["cause"] as? String == "coolant")
            #expect(try await client.post("/api/v1/events/\(id)/ack", text: #"{"cause": "coolant", "action": "x"}"#).status == 409)
            #expect(try await client.post("/api/v1/events/nope/ack", text: #"{"cause": "coolant", "action": "x"}"#).status == 404)

            // The stream: every message from the first, then resumed after the first one.
            let all = try await Self.streamMessages(port: client.port, lastEventID: 0, count: 2)
            #expect(all.first?.id == 1 && all.first?.event == "spc_violation")
            let resumed = try await Self.streamMessages(port: client.port, lastEventID: 1, count: 1)
            #expect(resumed.first?.id == 2)

            // A new revision; the old one stays readable.
            let revised = try await client.send(
                method: "PUT", target: "/api/v1/spc/charts/1", headers: [:],
                body: Array(Self.definition.replacingOccurrences(of: "\"we\"", with: "\"nelson\"").utf8))
            let revision = try revised.json()["revision"] as? Int
            #expect(revised.status == 200 && revision == 2, "\(revised.text)")
            let old = try await client.get("/api/v1/spc/charts/1?revision=1").json()
            #expect((old["definition"] as? [String: Any])?["rules"] as? String == "we")
            #expect((old["revisions"] as? [Any])?.count == 2)
            #expect(try await client.get("/api/v1/spc/charts/7").status == 404)
            let deleted = try await client.send(method: "DELETE", target: "/api/v1/spc/charts/1?reason=retired", headers: [:], body: [])
            let isDeleted = try deleted.json()["deleted"] as? Bool
            #expect(deleted.status == 200 && isDeleted == true)
            #expect((try await client.get("/api/v1/spc/charts").json()["charts"] as? [Any])?.isEmpty == true)
        }
    }

    struct Message {
        var id: Int
        var event: String
        var data: String
    }

    /// Reads `count` messages from `/api/v1/events/stream` over a raw connection, then hangs up.
    static func streamMessages(port: Int, lastEventID: Int, count: Int) async throws -> [Message] {
        try await HTTPTestClient.offThread {
            let socket = try HTTPTestClient.connect(port: port)
            defer { close(socket) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let request = "GET /api/v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: \(lastEventID)\r\n\r\n"
            try HTTPTestClient.sendAll(socket, Array(request.utf8))
            var received = ""
            var buffer = [UInt8](repeating: 0, count: 16 << 10)
            while true {
                let messages = Self.parse(received)
                if messages.count >= count { return Array(messages.prefix(count)) }
                let read = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard read > 0 else { throw HTTPTestClient.ClientError("stream ended after \(messages.count) messages: \(received)") }
                received += String(decoding: buffer[0..<read], as: UTF8.self)
            }
        }
    }

    /// The complete `id:`/`event:`/`data:` messages in `text` (chunked framing lines are skipped).
    static func parse(_ text: String) -> [Message] {
        var messages: [Message] = []
        var current: [String: String] = [:]
        // "\r\n" is one Character: make every line end in "\n" before splitting.
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n") {
            if line.isEmpty {
                if let id = current["id"].flatMap(Int.init), let event = current["event"], let data = current["data"] {
                    messages.append(Message(id: id, event: event, data: data))
                }
                current = [:]
                continue
            }
            for key in ["id", "event", "data"] where line.hasPrefix(key + ": ") { current[key] = String(line.dropFirst(key.count + 2)) }
        }
        return messages
    }
}
