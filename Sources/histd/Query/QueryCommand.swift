import ArgumentParser
import Historian

/// `histd query`: raw samples or bucketed rollups of the series a selector matches.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the samples, or rollup buckets, of the series of a measurement, tags and field.",
        discussion: """
            Times are RFC 3339 (2024-01-01T00:00:00Z) or integer epoch nanoseconds. Durations: 500ms, 10s, 1m, 1h, 1d \
            (units ns, us, ms, s, m, h, d). A tag is key=value, or key=~regex to match the whole value.
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

    @Option(name: .long, help: "Rollup aggregate: count, sum, min, max, mean, first, last, stddev, twa, integral.")
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
        guard let fromTime = QueryTimes.time(from) else { throw ValidationError("--from '\(from)' is neither RFC 3339 nor epoch nanoseconds") }
        guard let toTime = QueryTimes.time(to) else { throw ValidationError("--to '\(to)' is neither RFC 3339 nor epoch nanoseconds") }
        guard let aggregate = Aggregate(rawValue: agg) else {
            throw ValidationError("--agg must be one of \(Aggregate.allCases.map(\.rawValue).joined(separator: ", ")), not '\(agg)'")
        }
        guard let output = QueryOutput.Format(rawValue: format) else { throw ValidationError("--format must be csv or json, not '\(format)'") }
        var qualities: Set<Quality>?
        if let quality {
            var names: Set<Quality> = []
            for name in quality.split(separator: ",") {
                guard let parsed = Quality.allCases.first(where: { "\($0)" == name }) else {
                    throw ValidationError("--quality takes good, uncertain and bad, not '\(name)'")
                }
                names.insert(parsed)
            }
            qualities = names
        }
        var conditions: [(key: String, condition: SeriesSelector.TagCondition)] = []
        for text in tag {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--tag '\(text)' is not key=value or key=~regex")
            }
            let key = String(text[..<equals])
            let rest = text[text.index(after: equals)...]
            conditions.append(rest.hasPrefix("~") ? (key, .matches(String(rest.dropFirst()))) : (key, .equals(String(rest))))
        }
        let selector = try SeriesSelector(measurement: measurement, tags: conditions, field: field)
        guard Historian.isDataDirectory(data) else {
            throw ValidationError("--data '\(data)' is not a histd data directory (no catalog.sqlite)")
        }
        let historian = try Historian(directory: data)
        let matched = historian.series(matching: selector)
        var printer = QueryOutput(format: output)
        if let interpolate {
            guard let step = QueryTimes.duration(interpolate) else { throw ValidationError("--interpolate '\(interpolate)' is not a duration like 1m") }
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
            guard let width = QueryTimes.duration(every) else { throw ValidationError("--every '\(every)' is not a duration like 1m") }
            printer.beginRollup(aggregate)
            for series in matched {
                let rollup = try historian.rollup(
                    series: series.id, from: fromTime, to: toTime, every: width, timeWeighted: aggregate.isTimeWeighted, qualities: qualities)
                for bucket in rollup.buckets { printer.bucket(series: series.key.description, bucket, aggregate) }
            }
        } else {
            printer.beginSamples()
            for series in matched {
                for sample in try historian.samples(series: series.id, from: fromTime, to: toTime)
                where qualities?.contains(sample.quality) ?? true {
                    printer.sample(series: series.key.description, sample)
                }
            }
        }
        printer.end()
    }
}
