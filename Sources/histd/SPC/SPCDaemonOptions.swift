import ArgumentParser
import Foundation

/// The options of `histd spc chart --url`: the chart is computed by a running daemon
/// (`GET /api/v1/spc/chart`) on a stored series instead of a CSV file.
struct SPCDaemonOptions: ParsableArguments {
    @Option(name: .long, help: "A running daemon to compute the chart on a stored series: http://127.0.0.1:8086 (instead of FILE).")
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

    @Option(name: .customLong("subgroup-size"), help: "With --url: points are consecutive groups of N samples.")
    var subgroupSize: Int?

    @Option(name: .customLong("subgroup-every"), help: "With --url: points are time buckets of this width, e.g. 1h.")
    var subgroupEvery: String?

    @Option(name: .customLong("sample-size"), help: "With --url: items inspected per sample (p, np, u charts).")
    var sampleSize: Int?

    /// The route's parameters for the selection and subgrouping.
    /// - Throws: `ValidationError` without `--measurement`, `--field` or `--from`.
    func parameters() throws -> [(String, String)] {
        guard let measurement, let field, let from else {
            throw ValidationError("--url needs --measurement, --field and --from (the series and the range of the chart)")
        }
        var parameters: [(String, String)] = [("measurement", measurement)] + tag.map { ("tag", $0) } + [("field", field), ("from", from)]
        if let to { parameters.append(("to", to)) }
        if let subgroupSize { parameters.append(("subgroup_size", "\(subgroupSize)")) }
        if let subgroupEvery { parameters.append(("subgroup_every", subgroupEvery)) }
        if let sampleSize { parameters.append(("sample_size", "\(sampleSize)")) }
        return parameters
    }

    /// The client of ``url``.
    func client(_ url: String) -> DaemonClient {
        DaemonClient(url: url, token: token ?? ProcessInfo.processInfo.environment["HISTD_TOKEN"])
    }
}
