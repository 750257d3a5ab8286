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
            s, m, h, d). A tag is key=value, or key=~regex to match the whole value.
            """)

    @Option(name: .long, help: "The data directory.")
    var data: String

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

    func run() throws {
        do {
            try query()
        } catch let error as QueryArgumentError {
            throw ValidationError(error.description)
        }
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
