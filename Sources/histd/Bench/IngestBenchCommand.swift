import ArgumentParser
import Foundation
import Ingest

/// `histd bench ingest`: drives the HTTP write path with a line protocol file.
struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Write a line protocol file to histd serve over HTTP and report values/s, batch latency, bytes/value and peak RSS.",
        discussion: """
            With --url the server is already running (bytes on disk come from its /metrics: partition files \
            and WAL, before any flush). With --data the benchmark starts `histd serve` on a free loopback \
            port with that new data directory, writes, stops it with SIGTERM (which seals the head into \
            partition files) and measures the directory as `du -sb` does and the server's peak RSS (VmHWM). \
            Values/s counts field values from the first request sent to the last one acknowledged (204, durable).
            """
    )

    @Argument(help: "The line protocol file, e.g. from bench/gen_workload.py.")
    var file: String

    @Option(help: "A running server, http://HOST:PORT.")
    var url: String?

    @Option(help: "Start a server on this new data directory instead.")
    var data: String?

    @Option(help: "Concurrent keep-alive connections.")
    var writers = 2

    @Option(help: "Lines per write request.")
    var batch = 5000

    @Option(help: "The InfluxDB database name sent as ?db=.")
    var db = "plant"

    @Option(help: "Seconds to wait for the started server to exit after SIGTERM.")
    var stopTimeout = 600.0

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard writers > 0 else { throw ValidationError("--writers must be at least 1") }
        guard batch > 0 else { throw ValidationError("--batch must be at least 1 line") }
        guard (url == nil) != (data == nil) else {
            throw ValidationError("give either --url (a running server) or --data (start one), not both or neither")
        }
        if let url {
            do {
                _ = try Self.endpoint(url)
            } catch {
                throw ValidationError(error.description)
            }
        }
        guard !db.isEmpty, db.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw ValidationError("--db must be letters, digits, '_' or '-'")
        }
    }

    func run() throws {
        let input = try LineProtocolBatches.read(path: file, linesPerBatch: batch)
        guard input.lines > 0 else { throw IngestBenchError.emptyInput(path: file) }
        StandardError.line("read \(input.lines) lines, \(input.values) field values, \(input.batches.count) batches")
        let target = "/write?db=\(db)&precision=ns"
        let report: IngestBenchReport
        if let url {
            let (host, port) = try Self.endpoint(url)
            let result = try IngestBenchmark(host: host, port: port, target: target, writers: writers).run(input)
            report = IngestBenchReport(
                file: file, writers: writers, linesPerBatch: batch, result: result,
                diskBytes: Self.storageBytes(host: host, port: port), diskSource: "server /metrics: partitions + WAL, not flushed",
                peakResidentBytes: nil)
        } else if let data {
            report = try runOwnServer(executable: ServerProcess.currentExecutable, dataDirectory: data, input: input, target: target)
        } else {
            throw ValidationError("give --url or --data")
        }
        print(json ? try report.json() : report.table())
    }

    /// Starts `executable serve` on `dataDirectory`, writes, stops it with SIGTERM and measures.
    func runOwnServer(executable: String, dataDirectory: String, input: LineProtocolBatches, target: String) throws -> IngestBenchReport {
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: dataDirectory), !entries.isEmpty {
            throw IngestBenchError.dataDirectoryNotEmpty(dataDirectory)
        }
        let logPath = NSTemporaryDirectory() + "histd-bench-ingest-\(getpid()).log"
        let server = try ServerProcess(executable: executable, dataDirectory: dataDirectory, logPath: logPath)
        StandardError.line("started histd serve (pid \(server.processIdentifier), port \(server.port), log \(logPath))")
        let result: IngestBenchmark.Result
        do {
            result = try IngestBenchmark(host: "127.0.0.1", port: server.port, target: target, writers: writers).run(input)
        } catch {
            server.send(signal: SIGTERM)
            _ = server.waitForExit(timeout: stopTimeout)
            throw error
        }
        var peak = server.peakResidentBytes
        server.send(signal: SIGTERM)
        let status = server.waitForExit(timeout: stopTimeout) {
            if let current = server.peakResidentBytes { peak = max(peak ?? 0, current) }
        }
        guard let status else { throw IngestBenchError.serverDidNotStop(seconds: stopTimeout) }
        guard status == 0 else { throw IngestBenchError.serverExit(status: status) }
        return IngestBenchReport(
            file: file, writers: writers, linesPerBatch: batch, result: result,
            diskBytes: DirectorySize.apparentBytes(dataDirectory), diskSource: "du -sb of --data after SIGTERM",
            peakResidentBytes: peak)
    }

    /// Host and port of `http://HOST:PORT` (a trailing `/` is allowed).
    static func endpoint(_ text: String) throws(IngestBenchError) -> (host: String, port: Int) {
        guard text.hasPrefix("http://") else { throw .badURL(text) }
        var rest = text.dropFirst("http://".count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw .badURL(text) }
            portText = after.dropFirst()
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
            portText = "80"
        }
        guard !host.isEmpty, !host.contains("/"), let port = Int(portText), (1...65_535).contains(port) else { throw .badURL(text) }
        return (String(host), port)
    }

    /// Partition and WAL bytes from the server's Prometheus metrics; nil when it does not report them.
    static func storageBytes(host: String, port: Int) -> Int? {
        guard let response = try? HTTPConnection(host: host, port: port).request("GET", "/metrics"), response.status == 200 else { return nil }
        var total: Double?
        for line in response.text.split(separator: "\n") where line.hasPrefix("histd_partition_bytes ") || line.hasPrefix("histd_wal_bytes ") {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { total = (total ?? 0) + value }
        }
        return total.map { Int($0) }
    }
}
