import Benchmark
import Compression
import Foundation

/// Encode and decode throughput of every codec on 1,000,000 generated samples shaped like plant data.
/// One iteration codes all of them, so its wall-clock time in milliseconds is nanoseconds per value.
/// Run: `cd Benchmarks && swift package benchmark --target CompressionBenchmarks`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        maxDuration: .seconds(2)
    )
    let count = 1_000_000
    let data = GeneratedSeries(count: count)
    // Encoded once here, so that the decode benchmarks measure decoding only.
    let temperatureStream = encodeFloats(data.temperatures)
    let vibrationStream = encodeFloats(data.vibration)
    let waveStream = encodeFloats(data.wave)
    let timestampStream = (try? encodeTimestamps(data.timestamps)) ?? []
    let counterStream = encodeIntegers(data.counter)
    var stateEncoder = RunLengthEncoder()
    for state in data.states { stateEncoder.append(state) }
    let stateStream = stateEncoder.encode()

    Benchmark("Float encode, decimal path (0.1-resolution temperature)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encodeFloats(data.temperatures)) }
    }
    decodeBenchmark(
        "Float decode, decimal path (0.1-resolution temperature)", count: count, decoder: try? FloatDecoder(temperatureStream), as: Double.self
    ) {
        try $0.decode(into: $1)
    }
    Benchmark("Float encode, split path (full-precision vibration)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encodeFloats(data.vibration)) }
    }
    decodeBenchmark("Float decode, split path (full-precision vibration)", count: count, decoder: try? FloatDecoder(vibrationStream), as: Double.self)
    {
        try $0.decode(into: $1)
    }
    Benchmark("Float encode, XOR path (smooth full-precision wave)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encodeFloats(data.wave)) }
    }
    decodeBenchmark("Float decode, XOR path (smooth full-precision wave)", count: count, decoder: try? FloatDecoder(waveStream), as: Double.self) {
        try $0.decode(into: $1)
    }
    Benchmark("Timestamp encode (1 s +-2 ms jitter)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try encodeTimestamps(data.timestamps)) }
    }
    decodeBenchmark("Timestamp decode (1 s +-2 ms jitter)", count: count, decoder: try? TimestampDecoder(timestampStream), as: Int64.self) {
        try $0.decode(into: $1)
    }
    Benchmark("Integer encode (part counter)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encodeIntegers(data.counter)) }
    }
    decodeBenchmark("Integer decode (part counter)", count: count, decoder: try? IntegerDecoder(counterStream), as: Int64.self) {
        try $0.decode(into: $1)
    }
    Benchmark("Run-length encode (machine state)") { benchmark in
        for _ in benchmark.scaledIterations {
            var encoder = RunLengthEncoder()
            for state in data.states { encoder.append(state) }
            blackHole(encoder.encode())
        }
    }
    decodeBenchmark("Run-length decode (machine state)", count: count, decoder: try? RunLengthDecoder(stateStream), as: Int64.self) {
        try $0.decode(into: $1)
    }
    Benchmark("zstd seal of an encoded temperature chunk (8,192 values)") { benchmark in
        var encoder = FloatEncoder()
        for value in data.temperatures.prefix(8192) { encoder.append(value) }
        let block = encoder.encode()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(BlockFraming.seal(block)) }
    }
}

/// A benchmark that decodes `count` values into a reused buffer; setup is outside the measurement.
func decodeBenchmark<Decoder, Value: Numeric>(
    _ name: String,
    count: Int,
    decoder: Decoder?,
    as _: Value.Type,
    decode: @escaping @Sendable (Decoder, UnsafeMutableBufferPointer<Value>) throws -> Void
) where Decoder: Sendable {
    Benchmark(name) { benchmark in
        guard let decoder else { throw BenchmarkSetupError.streamDoesNotDecode(name) }
        var output = [Value](repeating: 0, count: count)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try output.withUnsafeMutableBufferPointer { try decode(decoder, $0) }
            blackHole(output)
        }
    }
}

enum BenchmarkSetupError: Error {
    case streamDoesNotDecode(String)
}

func encodeFloats(_ values: [Double]) -> [UInt8] {
    var encoder = FloatEncoder()
    for value in values { encoder.append(value) }
    return encoder.encode()
}

func encodeTimestamps(_ values: [Int64]) throws -> [UInt8] {
    var encoder = TimestampEncoder()
    for value in values { try encoder.append(value) }
    return encoder.encode()
}

func encodeIntegers(_ values: [Int64]) -> [UInt8] {
    var encoder = IntegerEncoder()
    for value in values { encoder.append(value) }
    return encoder.encode()
}

/// Deterministic plant-like series (SplitMix64-driven).
struct GeneratedSeries {
    var temperatures: [Double] = []
    var vibration: [Double] = []
    var wave: [Double] = []
    var timestamps: [Int64] = []
    var counter: [Int64] = []
    var states: [Int64] = []

    init(count: Int) {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        var tenths: Int64 = 700
        var parts: Int64 = 0
        var machineState: Int64 = 1
        for index in 0..<count {
            tenths += Int64(next() % 5) - 2
            temperatures.append(Double(tenths) / 10)
            vibration.append(2.0 * exp(0.1 * (Double(next() >> 11) / Double(1 << 53) - 0.5)))
            // A slow drift held for a few samples, as a poorly quantised analog channel repeats readings.
            wave.append(index % 4 == 0 ? 50 + 20 * sin(Double(index) * 1e-4) : wave[index - 1])
            timestamps.append(1_732_200_000_000_000_000 + Int64(index) * 1_000_000_000 + (Int64(next() % 5) - 2) * 1_000_000)
            if next() % 3 == 0 { parts += 1 }
            counter.append(parts)
            if next() % 600 == 0 { machineState = Int64(next() % 4) }
            states.append(machineState)
        }
    }
}
