import ArgumentParser
import Foundation

/// The options of `histd spc chart|capability|multivariate --url`: a running daemon computes the
/// result on stored series (`GET /api/v1/spc/...`) instead of a CSV file.
struct SPCSeriesOptions: ParsableArguments {
    @Option(name: .long, help: "A running daemon to compute on a stored series: http://127.0.0.1:8086 (instead of FILE).")
    var url: String?

    @Option(name: .long, help: "Access token for --url (default: the HISTD_TOKEN environment variable).")
    var token: String?

    @Option(name: .long, help: "With --url: the measurement of the series.")
    var measurement: String?

    @Option(name: .long, help: "With --url: a tag condition key=value or key=~regex; repeatable.")
    var tag: [String] = []

    @Option(name: .long, help: "With --url: the field of the series.")
    var field: String?

    @Option(name: .long, help: "With --url: start of the range (RFC 3339, epoch with a unit, now-1d).")
    var from: String?

    @Option(name: .long, help: "With --url: end of the range (default now).")
    var to: String?

    @Option(name: .customLong("subgroup-every"), help: "With --url: points are time buckets of this width, e.g. 1h.")
    var subgroupEvery: String?

    /// The route's parameters for the series, the range and `--subgroup-every`; `--field` is left
    /// out when `needsField` is false (the command names its fields otherwise).
    /// - Throws: `ValidationError` without `--measurement`, `--from` or a needed `--field`.
    func parameters(needsField: Bool = true) throws -> [(String, String)] {
        guard let measurement, let from, field != nil || !needsField else {
            throw ValidationError("--url needs --measurement, \(needsField ? "--field " : "")and --from (the series and the range)")
        }
        var parameters: [(String, String)] = [("measurement", measurement)] + tag.map { ("tag", $0) }
        if needsField, let field { parameters.append(("field", field)) }
        parameters.append(("from", from))
        if let to { parameters.append(("to", to)) }
        if let subgroupEvery { parameters.append(("subgroup_every", subgroupEvery)) }
        return parameters
    }

    /// Asks the daemon at ``url`` for `path` with `parameters` and prints its answer.
    /// - Throws: `ValidationError` with the daemon's message when the request fails.
    func printAnswer(of path: String, _ parameters: [(String, String)]) throws {
        guard let url else { return }
        do {
            let client = DaemonClient(url: url, token: token)
            FileHandle.standardOutput.write(Data(try client.get(path, parameters)))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
