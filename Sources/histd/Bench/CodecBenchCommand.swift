import ArgumentParser
import Foundation

/// `histd bench codec`: how small and how fast the codecs are on your files.
struct CodecBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Encode every numeric column of CSV files as a series, check that it decodes bit-exactly, and report size and speed.",
        discussion: """
            Each file is a table: the first column a timestamp (ISO 8601, or epoch s/ms/us/ns by magnitude), \
            or a single value per line without timestamps. Delimiters ',', ';', tab or whitespace are detected; \
            .gz files are accepted; an empty field or "" is a missing value. Series are cut into chunks of \
            --chunk-size samples, coded, and framed with zstd where that pays, as the historian seals them.
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(name: .customLong("no-timestamp"), help: "Treat the first column as a value, not a timestamp.")
    var noTimestamp = false

    @Option(help: "Samples per sealed chunk.")
    var chunkSize = 8192

    @Option(help: "Minimum seconds spent timing each series and direction.")
    var minimumSeconds = 0.05

    @Argument(help: "Input files.")
    var files: [String]

    func validate() throws {
        guard chunkSize > 0 else { throw ValidationError("--chunk-size must be positive") }
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        let benchmark = CodecBenchmark(chunkSize: chunkSize, minimumTimingSeconds: minimumSeconds)
        var results: [CodecBenchmark.Result] = []
        for file in files {
            let table = try DelimitedTable.parse(InputFile.readBytes(file), file: file, timestampColumn: !noTimestamp)
            for series in table.series {
                results.append(try benchmark.run(file: file, series: series))
            }
        }
        let report = CodecBenchReport(results: results)
        print(json ? try report.json() : report.table())
    }
}
