import CZstd
import Compression

/// Encodes one series the way the historian stores a sealed chunk (timestamps and values each coded,
/// then framed with zstd where that pays), decodes it and checks bit-exactness. Sizes are of the
/// sealed frames; speeds are of the value codec alone (append and encode; decode into a buffer).
struct CodecBenchmark {
    struct Result {
        var file: String
        var name: String
        var values: Int
        var valueBytes: Int
        var timestampBytes: Int?
        var codec: String
        var encodeSeconds: Double
        var decodeSeconds: Double
        var zstdRawBytes: Int

        var valueBitsPerValue: Double { values == 0 ? 0 : Double(valueBytes * 8) / Double(values) }
        var pointBytes: Double? { timestampBytes.map { values == 0 ? 0 : Double($0 + valueBytes) / Double(values) } }
        var zstdRawBitsPerValue: Double { values == 0 ? 0 : Double(zstdRawBytes * 8) / Double(values) }
        var encodeValuesPerSecond: Double { Double(values) / encodeSeconds }
        var decodeValuesPerSecond: Double { Double(values) / decodeSeconds }
    }

    enum Failure: Error, CustomStringConvertible {
        case notBitExact(file: String, series: String, index: Int)
        case codec(file: String, series: String, error: CompressionError)

        var description: String {
            switch self {
            case .notBitExact(let file, let series, let index):
                return "\(file): series '\(series)' did not decode bit-exactly at value \(index)"
            case .codec(let file, let series, let error):
                return "\(file): series '\(series)': \(error)"
            }
        }
    }

    var chunkSize: Int
    var minimumTimingSeconds: Double

    func run(file: String, series unordered: DelimitedTable.Series) throws -> Result {
        let series = Self.timeOrdered(unordered)
        do {
            let chunks = stride(from: 0, to: series.values.count, by: chunkSize).map { start in
                start..<min(start + chunkSize, series.values.count)
            }
            var encodedChunks: [[UInt8]] = []
            let encodeSeconds = measure {
                encodedChunks = chunks.map { range in
                    var encoder = FloatEncoder()
                    for index in range { encoder.append(series.values[index]) }
                    return encoder.encode()
                }
            }
            let valueFrames = encodedChunks.map { BlockFraming.seal($0) }
            var timestampBytes: Int?
            if !series.timestamps.isEmpty {
                var total = 0
                for range in chunks {
                    var encoder = TimestampEncoder()
                    for index in range { try encoder.append(series.timestamps[index]) }
                    let frame = BlockFraming.seal(encoder.encode())
                    let decoded = try TimestampDecoder(BlockFraming.open(frame)).decodeAll()
                    guard decoded == Array(series.timestamps[range]) else {
                        throw CompressionError.corrupt(context: "timestamps", offset: 0, reason: "timestamps did not round-trip")
                    }
                    total += frame.count
                }
                timestampBytes = total
            }

            let decoders = try encodedChunks.map { bytes throws(CompressionError) in try FloatDecoder(bytes) }
            var decoded = [Double](repeating: 0, count: series.values.count)
            var decodeFailure: CompressionError?
            let decodeSeconds = measure {
                decoded.withUnsafeMutableBufferPointer { output in
                    do throws(CompressionError) {
                        for (range, decoder) in zip(chunks, decoders) {
                            try decoder.decode(into: UnsafeMutableBufferPointer(rebasing: output[range]))
                        }
                    } catch {
                        decodeFailure = error
                    }
                }
            }
            if let decodeFailure { throw decodeFailure }
            // What is stored is the sealed frame: check that it, too, comes back bit for bit.
            var reopened: [Double] = []
            for frame in valueFrames {
                reopened += try FloatDecoder(BlockFraming.open(frame)).decodeAll()
            }
            for index in series.values.indices
            where decoded[index].bitPattern != series.values[index].bitPattern || reopened[index].bitPattern != series.values[index].bitPattern {
                throw Failure.notBitExact(file: file, series: series.name, index: index)
            }
            var summary = FloatCodingSummary()
            var zstdUsed = 0
            for frame in valueFrames {
                if frame.count > 1 && frame[1] == 1 { zstdUsed += 1 }
                let chunkSummary = try FloatDecoder(BlockFraming.open(frame)).codingSummary()
                summary.decimalVectors += chunkSummary.decimalVectors
                summary.splitDecimalVectors += chunkSummary.splitDecimalVectors
                summary.xorVectors += chunkSummary.xorVectors
                summary.bitSplitVectors += chunkSummary.bitSplitVectors
                summary.dictionaryVectors += chunkSummary.dictionaryVectors
                summary.exceptions += chunkSummary.exceptions
            }
            let codec = summary.label + (zstdUsed > 0 ? " +zstd" : "")
            return Result(
                file: file, name: series.name, values: series.values.count,
                valueBytes: valueFrames.reduce(0) { $0 + $1.count }, timestampBytes: timestampBytes,
                codec: codec, encodeSeconds: encodeSeconds, decodeSeconds: decodeSeconds,
                zstdRawBytes: Self.zstdRawSize(series.values)
            )
        } catch let error as CompressionError {
            throw Failure.codec(file: file, series: series.name, error: error)
        }
    }

    /// The series sorted by time, as the historian stores it; rows with equal times keep their order.
    static func timeOrdered(_ series: DelimitedTable.Series) -> DelimitedTable.Series {
        guard zip(series.timestamps, series.timestamps.dropFirst()).contains(where: { $0 > $1 }) else { return series }
        let order = series.timestamps.indices.sorted { (series.timestamps[$0], $0) < (series.timestamps[$1], $1) }
        return DelimitedTable.Series(name: series.name, timestamps: order.map { series.timestamps[$0] }, values: order.map { series.values[$0] })
    }

    /// Seconds per run of `body`: the fastest of repeated runs, repeated for at least `minimumTimingSeconds`.
    func measure(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        var spent = 0.0
        var runs = 0
        while runs < 3 || spent < minimumTimingSeconds {
            let elapsed = clock.measure(body)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
            spent += seconds
            runs += 1
        }
        return max(best, 1e-9)
    }

    /// zstd level 3 over the raw little-endian doubles of the whole series: the baseline of the benchmark.
    static func zstdRawSize(_ values: [Double]) -> Int {
        let raw = values.map { $0.bitPattern.littleEndian }
        return raw.withUnsafeBytes { source in
            let bound = ZSTD_compressBound(source.count)
            var output = [UInt8](repeating: 0, count: bound)
            let written = output.withUnsafeMutableBytes { destination in
                ZSTD_compress(destination.baseAddress, bound, source.baseAddress, source.count, 3)
            }
            return ZSTD_isError(written) == 0 ? written : source.count
        }
    }
}
