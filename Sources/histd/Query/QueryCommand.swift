import ArgumentParser
import Foundation
import Historian
import Query
import Time

/// `histd query`: raw samples or bucketed rollups of the series a selector matches.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the samples, or rollup buckets, of the series of a measurement, tags and field.",
        discussion: """
            Times are RFC 3339 (2024-01-01T00:00:00Z), integer epoch nanoseconds, an epoch with a unit (1704067200s, ms, us) \
            or relative to now (now-1h), as the HTTP API takes them. Durations: 500ms, 10s, 1m, 1h, 1d (units ns, us, ms, \
            s, m, h, d). A tag is key=value, or key=~regex to match the whole value. --agg takes a list (count,mean,max): \
            the CSV header is series,start,end,count, then each other aggregate once; JSON rows have the same keys.

            With --url http://host:port the query runs in a running daemon (GET /api/v1/query), which holds the \
            directory; --token (or HISTD_TOKEN) is sent when its tokens are configured.
            """)

    @Option(name: .long, help: "The data directory (or --url).")
    var data: String?

    @Option(name: .long, help: "A running daemon to query instead of a directory: http://127.0.0.1:8086.")
    var url: String?

    @Option(name: .long, help: "Access token for --url (default: the HISTD_TOKEN environment variable).")
    var token: String?

    @Option(name: .long, help: "Measurement name.")
    var measurement: String

    @Option(name: .long, help: "Tag condition key=value or key=~regex; repeatable.")
    var tag: [String] = []

    @Option(name: .long, help: "Field name.")
    var field: String

    @Option(name: .long, help: "Start of the range (inclusive).")
    var from: String

    @Option(name: .long, help: "End of the range (exclusive).")
    var to: String

    @Option(name: .long, help: "Bucket width for a rollup, e.g. 1m.")
    var every: String?

    @Option(name: .long, help: "Rollup aggregates, comma-separated: count, sum, min, max, mean, first, last, stddev, twa, integral.")
    var agg: String = "mean"

    @Option(name: .long, help: "Output format: csv or json.")
    var format: String = "csv"

    @Option(name: .long, help: "Keep only samples of these qualities, e.g. good or good,uncertain (raw rows and rollups).")
    var quality: String?

    @Option(name: .long, help: "Instead of samples: values interpolated every STEP (step or linear, after the series).")
    var interpolate: String?

    @Option(name: .long, help: "Instead of samples: M4 plot downsampling to N pixel buckets (first, min, max, last).")
    var plot: Int?

    func validate() throws {
        guard (data == nil) != (url == nil) else { throw ValidationError("give either --data (a directory) or --url (a running daemon)") }
        if url != nil, plot != nil, every != nil { throw ValidationError("--plot and --every do not go together") }
    }

    func run() throws {
        do {
            if let url {
                try queryRemote(url)
            } else {
                try query()
            }
        } catch let error as QueryArgumentError {
            throw ValidationError(error.description)
        } catch let error as DaemonClient.Failure {
            throw ValidationError(error.description)
        }
    }

    /// Runs the query in the daemon at `url` and prints its rows as ``query()`` prints local ones.
    private func queryRemote(_ url: String) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let (fromTime, toTime) = try TimeArgument.range(from: from, to: to, now: now, fromArgument: "--from", toArgument: "--to")
        let aggregates = try Self.aggregates(agg)
        guard let output = QueryOutput.Format(rawValue: format) else { throw ValidationError("--format must be csv or json, not '\(format)'") }
        var parameters: [(String, String)] = [("measurement", measurement)] + tag.map { ("tag", $0) }
        parameters += [("field", field), ("from", "\(fromTime)"), ("to", "\(toTime)"), ("time_format", "ns")]
        if let quality { parameters.append(("quality", quality)) }
        var width: Int64 = 0
        if let interpolate {
            parameters += [("mode", "interpolate"), ("step", interpolate)]
        } else if let plot {
            parameters += [("mode", "plot"), ("points", "\(plot)")]
        } else if let every {
            guard let nanoseconds = DurationText.nanoseconds(every) else { throw ValidationError("--every '\(every)' is not a duration like 1m") }
            width = nanoseconds
            parameters += [("every", every), ("agg", aggregates.map(\.rawValue).joined(separator: ","))]
        }
        let client = DaemonClient(url: url, token: token)
        let answer = try RemoteQuery(client: client, parameters: parameters)
        for warning in answer.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var printer = QueryOutput(format: output)
        if interpolate != nil {
            printer.beginInterpolated()
        } else if every != nil {
            printer.beginRollup(aggregates)
        } else {
            printer.beginSamples()
        }
        for series in answer.series {
            for row in series.rows {
                let cells = Dictionary(zip(series.columns, row), uniquingKeysWith: { first, _ in first })
                let time = (cells["time"] as? NSNumber)?.int64Value ?? 0
                if interpolate != nil {
                    printer.interpolatedRow(series: series.name, time: time, value: cells["value"].flatMap(Self.number))
                } else if every != nil {
                    let count = (cells["count"] as? NSNumber)?.intValue ?? 0
                    let values = aggregates.filter { $0 != .count }.map { ($0.rawValue, cells[$0.rawValue].flatMap(Self.number)) }
                    printer.bucketRow(series: series.name, start: time, end: min(time + width, toTime), count: count, values: values)
                } else {
                    let quality = cells["quality"] as? String ?? Quality.good.name
                    if let text = cells["value"] as? String {
                        printer.sampleRow(series: series.name, time: time, text: text, quality: quality)
                    } else {
                        printer.sampleRow(series: series.name, time: time, number: cells["value"].flatMap(Self.number) ?? "null", quality: quality)
                    }
                }
            }
        }
        printer.end()
    }

    /// The text of a JSON number or boolean of an answer, nil for null.
    private static func number(_ value: Any) -> String? {
        if value is NSNull { return nil }
        if let flag = value as? Bool, type(of: value) == Bool.self { return flag ? "true" : "false" }
        if let number = value as? NSNumber { return "\(number)" }
        return "\(value)"
    }

    /// The aggregates of a comma-separated `--agg` list, each once, in the order given.
    /// - Throws: `ValidationError` naming an unknown aggregate.
    static func aggregates(_ text: String) throws -> [Aggregate] {
        var aggregates: [Aggregate] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let aggregate = Aggregate(rawValue: trimmed) else {
                throw ValidationError("--agg: '\(trimmed)' is not one of \(Aggregate.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !aggregates.contains(aggregate) { aggregates.append(aggregate) }
        }
        return aggregates
    }

    private func query() throws {
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let (fromTime, toTime) = try TimeArgument.range(from: from, to: to, now: now, fromArgument: "--from", toArgument: "--to")
        let aggregates = try Self.aggregates(agg)
        guard let output = QueryOutput.Format(rawValue: format) else { throw ValidationError("--format must be csv or json, not '\(format)'") }
        let qualities = try quality.map { text throws(QueryArgumentError) in try QualityList.parse(text, argument: "--quality") }
        let selection = SeriesSelection(measurement: measurement, predicate: try TagCondition.predicate(tag, argument: "--tag"), fields: [field])
        let data = data ?? ""
        guard Historian.isDataDirectory(data) else {
            throw ValidationError("--data '\(data)' is not a histd data directory (no catalog.sqlite)")
        }
        let historian = try Historian(directory: data)
        let matched = selection.series(in: historian)
        let query = HistorianQuery(historian: historian)
        var printer = QueryOutput(format: output)
        if let interpolate {
            guard let step = DurationText.nanoseconds(interpolate) else {
                throw ValidationError("--interpolate '\(interpolate)' is not a duration like 1m")
            }
            printer.beginInterpolated()
            for series in matched {
                for value in try historian.interpolate(series: series.id, from: fromTime, to: toTime, step: step) {
                    printer.interpolated(series: series.key.description, value)
                }
            }
        } else if let plot {
            printer.beginSamples()
            for series in matched {
                for bucket in try historian.plot(series: series.id, from: fromTime, to: toTime, buckets: plot) {
                    for sample in bucket.points { printer.sample(series: series.key.description, sample) }
                }
            }
        } else if let every {
            guard let width = DurationText.nanoseconds(every) else { throw ValidationError("--every '\(every)' is not a duration like 1m") }
            printer.beginRollup(aggregates)
            let rollups = try query.rollups(
                of: SeriesGrouping.none.groups(of: matched), spans: RollupSpan.starting(from: fromTime, to: toTime, every: width),
                timeWeighted: aggregates.contains(where: \.isTimeWeighted), qualities: qualities)
            for (series, buckets) in zip(matched, rollups) {
                for bucket in buckets { printer.bucket(series: series.key.description, bucket, aggregates) }
            }
        } else {
            printer.beginSamples()
            // The command line prints what it is asked for: no points limit.
            var budget = PointsBudget(limit: .max)
            let columns = try query.columns(of: matched, from: fromTime, to: toTime, qualities: qualities, budget: &budget)
            for (series, samples) in zip(matched, columns) {
                for index in 0..<samples.count {
                    printer.sample(
                        series: series.key.description,
                        Sample(timestamp: samples.timestamps[index], value: samples.value(at: index), quality: samples.quality(at: index)))
                }
            }
        }
        printer.end()
    }
}
