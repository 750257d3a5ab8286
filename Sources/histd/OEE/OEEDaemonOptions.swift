import ArgumentParser

/// The options of `histd oee --url`: OEE of the machines configured in a running daemon
/// (`GET /api/v1/oee`) instead of a JSON file.
struct OEEDaemonOptions: ParsableArguments {
    @Option(name: .long, help: "A running daemon whose configured machines to report on: http://127.0.0.1:8086 (instead of FILE).")
    var url: String?

    @Option(name: .long, help: "Access token for --url (default: the HISTD_TOKEN environment variable).")
    var token: String?

    @Option(name: .long, help: "With --url: start of the range (RFC 3339, epoch with a unit, now-7d).")
    var from: String?

    @Option(name: .long, help: "With --url: end of the range (default now).")
    var to: String?

    @Option(name: .long, help: "With --url: a configured machine; repeatable (default every machine).")
    var machine: [String] = []

    @Option(name: .long, help: "With --url: rows per shift, day, week, machine or line (the route's 'by').")
    var by: String?

    /// Asks the daemon at `url` and returns its JSON answer.
    /// - Throws: `ValidationError` without `--from`, or with the daemon's error.
    func report(_ url: String) throws -> [UInt8] {
        guard let from else { throw ValidationError("--url needs --from (the range of the report)") }
        var parameters: [(String, String)] = [("from", from)]
        if let to { parameters.append(("to", to)) }
        parameters += machine.map { ("machine", $0) }
        if let by { parameters.append(("by", by)) }
        do {
            return try DaemonClient(url: url, token: token).get("/api/v1/oee", parameters)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
