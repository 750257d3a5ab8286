import Foundation

/// A `histd serve` child process on a free loopback port, its log in a file: what `histd bench
/// ingest --data` measures, and what the crash and shutdown tests start, kill and restart.
final class ServerProcess {
    /// The child's process id.
    let processIdentifier: Int32
    /// The port it listens on, read from its "listening" log line.
    let port: Int
    /// Its stderr (the structured log).
    let logPath: String
    private let process: Process

    /// Starts `executable serve --data dataDirectory --http 127.0.0.1:0` and waits until it listens.
    /// - Parameters:
    ///   - executable: the `histd` binary.
    ///   - logPath: where the child's stderr goes (replaced).
    ///   - environment: extra environment variables (`HISTD_*` settings).
    ///   - arguments: extra arguments after `serve` (`--accept-wal-loss`).
    ///   - startTimeout: seconds to wait for the "listening" line.
    /// - Throws: ``ServerProcessError`` when it cannot start or exits before listening.
    init(
        executable: String, dataDirectory: String, logPath: String, environment: [String: String] = [:], arguments: [String] = [],
        startTimeout: Double = 60
    ) throws(ServerProcessError) {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw .missingExecutable(executable) }
        FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw .launch("cannot write the log file \(logPath)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--data", dataDirectory, "--http", "127.0.0.1:0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = log
        process.standardOutput = log
        do {
            try process.run()
        } catch {
            throw .launch("\(executable): \(error)")
        }
        try? log.close()
        self.process = process
        self.processIdentifier = process.processIdentifier
        self.logPath = logPath
        let deadline = Date().addingTimeInterval(startTimeout)
        var found: Int?
        while found == nil {
            found = Self.listeningPort(inLog: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
            if found != nil { break }
            guard process.isRunning else {
                throw .exitedBeforeListening(status: process.terminationStatus, log: Self.tail(logPath))
            }
            guard Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw .notListening(seconds: startTimeout, log: Self.tail(logPath))
            }
            usleep(20_000)
        }
        self.port = found ?? 0
    }

    deinit {
        if process.isRunning {
            kill(processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Whether the child has not exited yet.
    var isRunning: Bool { process.isRunning }

    /// The child's log so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Peak resident set size (VmHWM of /proc/PID/status) in bytes, nil once the process is gone.
    var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Sends `signal` (SIGTERM for an orderly shutdown, SIGKILL for a crash).
    func send(signal: Int32) {
        kill(processIdentifier, signal)
    }

    /// Waits for the child to exit and returns its exit status; nil on timeout (the child keeps running).
    /// Calls `whileWaiting` about every 10 ms, e.g. to sample the peak RSS during a shutdown.
    func waitForExit(timeout: Double, whileWaiting: () -> Void = {}) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            whileWaiting()
            guard Date() < deadline else { return nil }
            usleep(10_000)
        }
        return process.terminationStatus
    }

    /// The port of the first "listening" log line: Hummingbird logs the bound address as
    /// `address=[IPv4]127.0.0.1/127.0.0.1:PORT`.
    static func listeningPort(inLog log: String) -> Int? {
        for line in log.split(separator: "\n") where line.hasSuffix("listening") {
            guard let start = line.range(of: "address=") else { continue }
            let address = line[start.upperBound...].prefix { $0 != " " }
            guard let colon = address.lastIndex(of: ":") else { continue }
            return Int(address[address.index(after: colon)...])
        }
        return nil
    }

    /// The path of the `histd` executable running now.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    private static func tail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return String(text.suffix(2_000))
    }
}
