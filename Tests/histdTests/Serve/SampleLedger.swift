import Foundation
import Synchronization

@testable import histd

/// The samples the crash and shutdown tests write: every line is
/// `crashtest,writer=wN x=<float>,n=<integer>i <timestamp>`, and each writer's timestamps are unique
/// (1 ms apart, counting on across restarts), so every (series, timestamp) is written once.
/// The ledger keeps the lines of the batches that were acknowledged with 204.
final class SampleLedger: Sendable {
    struct Line: Sendable {
        var timestamp: Int64
        var float: Double
        var integer: Int64
    }

    static let measurement = "crashtest"
    /// 2024-01-01T00:00:00Z.
    static let firstTimestamp: Int64 = 1_704_067_200_000_000_000
    static let spacing: Int64 = 1_000_000

    private let acknowledged = Mutex<[Int: [Line]]>([:])
    private let nextIndex = Mutex<[Int: Int64]>([:])

    /// A new batch of `count` lines for `writer`, with fresh timestamps.
    func makeBatch(writer: Int, count: Int) -> (body: [UInt8], lines: [Line]) {
        let first = nextIndex.withLock { next in
            defer { next[writer, default: 0] += Int64(count) }
            return next[writer, default: 0]
        }
        var text = ""
        var lines: [Line] = []
        for offset in 0..<Int64(count) {
            let line = Line(
                timestamp: Self.firstTimestamp + (first + offset) * Self.spacing,
                float: Self.randomFloat(), integer: Int64.random(in: -1_000_000_000_000...1_000_000_000_000))
            // Swift prints the shortest decimal that reads back to the same Double.
            text += "\(Self.measurement),writer=w\(writer) x=\(line.float),n=\(line.integer)i \(line.timestamp)\n"
            lines.append(line)
        }
        return (Array(text.utf8), lines)
    }

    func recordAcknowledged(writer: Int, _ lines: [Line]) {
        acknowledged.withLock { $0[writer, default: []] += lines }
    }

    var acknowledgedByWriter: [Int: [Line]] { acknowledged.withLock { $0 } }

    var acknowledgedCount: Int { acknowledged.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    /// Mostly ordinary full-precision readings, sometimes any finite bit pattern (tiny, huge, subnormal).
    private static func randomFloat() -> Double {
        if Int.random(in: 0..<10) == 0 {
            while true {
                let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max))
                if value.isFinite && value != 0 { return value }
            }
        }
        return Double.random(in: -5_000...5_000)
    }

    /// Every acknowledged sample is stored with the same value, bit for bit; returns the problems found.
    func missingOrChanged(port: Int) throws -> [String] {
        let connection = try HTTPConnection(host: "127.0.0.1", port: port)
        var problems: [String] = []
        for (writer, lines) in acknowledgedByWriter.sorted(by: { $0.key < $1.key }) {
            guard let last = lines.map(\.timestamp).max() else { continue }
            let stored = (
                x: try Self.rawValues(connection, writer: writer, field: "x", to: last + 1),
                n: try Self.rawValues(connection, writer: writer, field: "n", to: last + 1)
            )
            for line in lines {
                if let text = stored.x[line.timestamp] {
                    if Double(text)?.bitPattern != line.float.bitPattern {
                        problems.append("w\(writer) x at \(line.timestamp): wrote \(line.float), read \(text)")
                    }
                } else {
                    problems.append("w\(writer) x at \(line.timestamp) (\(line.float)) is missing")
                }
                if let text = stored.n[line.timestamp] {
                    if Int64(text) != line.integer { problems.append("w\(writer) n at \(line.timestamp): wrote \(line.integer), read \(text)") }
                } else {
                    problems.append("w\(writer) n at \(line.timestamp) (\(line.integer)) is missing")
                }
                if problems.count > 20 { return problems }
            }
        }
        return problems
    }

    /// Timestamp -> value text of one series' raw query (`[time, value]` rows, `[time, value, quality]`
    /// when a row is not good).
    static func rawValues(_ connection: HTTPConnection, writer: Int, field: String, to: Int64) throws -> [Int64: String] {
        let target = "/api/v1/query?measurement=\(measurement)&tag=writer=w\(writer)&field=\(field)&from=\(firstTimestamp)&to=\(to)"
        let response = try connection.request("GET", target)
        guard response.status == 200 else {
            throw BuiltExecutable.Failure(description: "GET \(target) answered \(response.status): \(response.text.prefix(300))")
        }
        let text = response.text
        let sampleElement = try NSRegularExpression(pattern: #"\[(-?[0-9]+),([^,\[\]]+)(?:,"[a-z]+")?\]"#)
        var values: [Int64: String] = [:]
        let whole = NSRange(text.startIndex..., in: text)
        for match in sampleElement.matches(in: text, range: whole) {
            guard let time = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text),
                let timestamp = Int64(text[time])
            else { continue }
            values[timestamp] = String(text[value])
        }
        return values
    }
}
