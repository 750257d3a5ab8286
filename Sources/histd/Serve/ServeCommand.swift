import ArgumentParser
import Foundation
import Logging
import Server

/// `histd serve`: the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the histd daemon: InfluxDB-compatible writes, queries, SPC and OEE over HTTP.",
        discussion: """
            With no options: data in ./histd-data, HTTP on 127.0.0.1:8086, no authentication (loopback only).
            Settings come from defaults, then the TOML file (--config or HISTD_CONFIG), then HISTD_* environment
            variables (HISTD_DATA, HISTD_HTTP, HISTD_LIMITS_MAX_BODY_BYTES, ...), then these flags.
            SIGTERM or SIGINT shuts down cleanly. See docs/configuration.md and docs/http-api.md.

            Settings (TOML key, environment variable, default); [[tokens]], [[machines]] and \
            per-measurement retention are tables of the file:
            """ + "\n" + ServerConfiguration.settingsHelp)

    @Option(name: .long, help: "The data directory (default ./histd-data).")
    var data: String?

    @Option(name: .long, help: "The address to listen on, host:port (default 127.0.0.1:8086).")
    var http: String?

    @Option(name: .long, help: "A TOML configuration file (also HISTD_CONFIG).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(
        name: .long,
        help: """
            Open even when the write-ahead log is damaged or misses segments (acknowledged writes not yet \
            in partitions): replay every readable record around the damage and log what was lost. \
            Without it such a directory is refused, naming the file and offset.
            """)
    var acceptWALLoss = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var settings = ServerConfiguration()
        do {
            if let file = config ?? environment["HISTD_CONFIG"] {
                try settings.applyFile(file)
            }
            try settings.applyEnvironment(environment)
            if let data { try settings.set("data", to: .text(data), source: "--data") }
            if let http { try settings.set("http", to: .text(http), source: "--http") }
            if let logLevel { try settings.set("log_level", to: .text(logLevel), source: "--log-level") }
            settings.acceptWALLoss = acceptWALLoss
            try settings.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        let level = settings.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "histd")
        logger.logLevel = level
        do {
            try await HistdServer(configuration: settings, logger: logger).run()
        } catch {
            logger.critical("histd stopped with an error", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
