import Benchmark
import Foundation
import Historian

/// Line protocol like the plant workload: `machines` machines, 10 fields, 1 Hz, `seconds` seconds.
func plantLines(machines: Int, seconds: Int) -> [UInt8] {
    var text = ""
    text.reserveCapacity(machines * seconds * 200)
    var state: UInt64 = 42
    func noise() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    for second in 0..<seconds {
        let time = 1_704_067_200_000_000_000 + Int64(second) * 1_000_000_000
        for machine in 0..<machines {
            let temperature = (650 + Int(noise() * 10)) // tenths of a degree
            text += "plant,line=L\(machine / 10),machine=M\(machine) state=1i,part_count=\(second * 2)i,reject_count=\(second / 50)i,"
            text += "temp_motor=\(temperature / 10).\(temperature % 10),temp_bearing=52.\(Int(noise() * 10)),temp_coolant=21.\(Int(noise() * 10)),"
            text +=
                "pressure=6.\(10 + Int(noise() * 10)),motor_current=7.\(800 + Int(noise() * 100)),spindle_speed=1500,vibration_rms=\(1.5 + noise()) \(time)\n"
        }
    }
    return Array(text.utf8)
}

func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "histd-bench-" + UUID().uuidString
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

    let lines = plantLines(machines: 100, seconds: 600) // 600,000 values
    Benchmark(
        "Ingest line protocol, 600k values (plant-like, 100 machines x 10 fields x 600 s)",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            do {
                let historian = try Historian(directory: directory)
                let ingester = LineProtocolIngester(historian: historian, defaultTimestamp: 0)
                benchmark.startMeasurement()
                _ = try lines.withUnsafeBytes { try ingester.ingest($0, isFinal: true) { _ in } }
                try ingester.finish { _ in }
                try historian.flush()
                benchmark.stopMeasurement()
                blackHole(ingester.valuesWritten)
            } catch {
                benchmark.error("ingest failed: \(error)")
            }
        }
    }

    // One day of one 1 Hz series, sealed into a partition file; three copies, so that three
    // engines (each holds its directory's lock) can read them: default options, a fresh engine per
    // iteration (summary cache cold), and the summary cache turned off.
    let day: Int64 = 86_400_000_000_000
    let minute: Int64 = 60_000_000_000
    let key = SeriesKey(measurement: "plant", tags: [.init(key: "machine", value: "M1")], field: "temp")
    func sealedDay() -> (directory: String, series: SeriesID?) {
        let directory = temporaryDirectory()
        guard let historian = try? Historian(directory: directory) else { return (directory, nil) }
        let points = (0..<86_400).map { second in
            Point(series: key, timestamp: Int64(second) * 1_000_000_000, value: .float(Double(650 + second % 37) / 10))
        }
        _ = try? historian.write(points)
        try? historian.flush()
        return (directory, historian.series(for: key)?.id)
    }
    let (rollupDirectory, series) = sealedDay()
    let (coldDirectory, coldSeries) = sealedDay()
    let (uncachedDirectory, uncachedSeries) = sealedDay()
    let historian = try? Historian(directory: rollupDirectory)
    var noCache = HistorianOptions()
    noCache.summaryCacheBytes = 0
    let uncachedHistorian = try? Historian(directory: uncachedDirectory, options: noCache)

    Benchmark(
        "Rollup 1-minute mean over one day of a 1 Hz series (sealed, summary cache warm)",
        configuration: .init(metrics: [.wallClock], maxIterations: 10_000)
    ) { benchmark in
        guard let historian, let series else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            blackHole(try? historian.rollup(series: series, from: 0, to: day, every: minute))
        }
    }

    Benchmark(
        "Rollup 1-minute mean over one day of a 1 Hz series (sealed, summary cache cold: new engine)",
        configuration: .init(metrics: [.wallClock], maxIterations: 200)
    ) { benchmark in
        guard let coldSeries else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            guard let fresh = try? Historian(directory: coldDirectory) else { return benchmark.error("open failed") }
            benchmark.startMeasurement()
            blackHole(try? fresh.rollup(series: coldSeries, from: 0, to: day, every: minute))
            benchmark.stopMeasurement()
        }
    }

    Benchmark(
        "Rollup 1-minute mean over one day of a 1 Hz series (sealed, summary cache off)",
        configuration: .init(metrics: [.wallClock], maxIterations: 1_000)
    ) { benchmark in
        guard let uncachedHistorian, let uncachedSeries else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            blackHole(try? uncachedHistorian.rollup(series: uncachedSeries, from: 0, to: day, every: minute))
        }
    }

    Benchmark(
        "Rollup 1-day mean over one day of a 1 Hz series, from chunk statistics",
        configuration: .init(metrics: [.wallClock], maxIterations: 10_000)
    ) { benchmark in
        guard let historian, let series else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            blackHole(try? historian.rollup(series: series, from: 0, to: day, every: day))
        }
    }

    Benchmark(
        "Rollup 1-day mean over one day of a 1 Hz series, decoding (no chunk statistics, summary cache off)",
        configuration: .init(metrics: [.wallClock], maxIterations: 1_000)
    ) { benchmark in
        guard let uncachedHistorian, let uncachedSeries else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            blackHole(try? uncachedHistorian.rollup(series: uncachedSeries, from: 0, to: day, every: day, useChunkStatistics: false))
        }
    }

    Benchmark(
        "Raw read of one hour of a 1 Hz series (sealed)",
        configuration: .init(metrics: [.wallClock], maxIterations: 1_000)
    ) { benchmark in
        guard let historian, let series else { return benchmark.error("setup failed") }
        for _ in benchmark.scaledIterations {
            blackHole(try? historian.samples(series: series, from: 3_600_000_000_000, to: 7_200_000_000_000))
        }
    }
}
