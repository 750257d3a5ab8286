import Foundation

/// Renders codec benchmark results as a table for people or one JSON object for scripts.
struct CodecBenchReport {
    var results: [CodecBenchmark.Result]

    var totalValues: Int { results.reduce(0) { $0 + $1.values } }
    var totalValueBytes: Int { results.reduce(0) { $0 + $1.valueBytes } }
    var valueBitsPerValue: Double { totalValues == 0 ? 0 : Double(totalValueBytes * 8) / Double(totalValues) }
    var meanSeriesValueBits: Double {
        results.isEmpty ? 0 : results.reduce(0) { $0 + $1.valueBitsPerValue } / Double(results.count)
    }
    var zstdRawBitsPerValue: Double {
        totalValues == 0 ? 0 : Double(results.reduce(0) { $0 + $1.zstdRawBytes } * 8) / Double(totalValues)
    }
    var pointBytes: Double? {
        let timed = results.filter { $0.timestampBytes != nil }
        let values = timed.reduce(0) { $0 + $1.values }
        guard values > 0 else { return nil }
        return Double(timed.reduce(0) { $0 + $1.valueBytes + ($1.timestampBytes ?? 0) }) / Double(values)
    }
    var encodeValuesPerSecond: Double { Double(totalValues) / results.reduce(0) { $0 + $1.encodeSeconds } }
    var decodeValuesPerSecond: Double { Double(totalValues) / results.reduce(0) { $0 + $1.decodeSeconds } }

    func table() -> String {
        let header = ["file", "series", "values", "bytes", "bits/value", "zstd-3 raw", "bytes/point", "codec", "encode M/s", "decode M/s"]
        var rows = results.map { result in
            [
                (result.file as NSString).lastPathComponent, result.name, "\(result.values)", "\(result.valueBytes)",
                format(result.valueBitsPerValue), format(result.zstdRawBitsPerValue),
                result.pointBytes.map { format($0, digits: 3) } ?? "-", result.codec,
                format(result.encodeValuesPerSecond / 1e6, digits: 1), format(result.decodeValuesPerSecond / 1e6, digits: 1),
            ]
        }
        rows.append([
            "total", "\(results.count) series", "\(totalValues)", "\(totalValueBytes)", format(valueBitsPerValue),
            format(zstdRawBitsPerValue), pointBytes.map { format($0, digits: 3) } ?? "-", "",
            format(encodeValuesPerSecond / 1e6, digits: 1), format(decodeValuesPerSecond / 1e6, digits: 1),
        ])
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let render = { (row: [String]) in
            row.indices.map { column in
                column < 2 || column == 7
                    ? row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - row[column].count) + row[column]
            }.joined(separator: "  ")
        }
        var lines = [render(header)] + rows.map(render)
        lines.append("mean bits/value over series: \(format(meanSeriesValueBits))")
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        let series: [[String: Any]] = results.map { result in
            [
                "file": result.file,
                "name": result.name,
                "values": result.values,
                "value_bytes": result.valueBytes,
                "timestamp_bytes": result.timestampBytes.map { $0 as Any } ?? NSNull(),
                "value_bits_per_value": result.valueBitsPerValue,
                "zstd3_raw_bits_per_value": result.zstdRawBitsPerValue,
                "point_bytes": result.pointBytes.map { $0 as Any } ?? NSNull(),
                "codec": result.codec,
                "encode_values_per_s": result.encodeValuesPerSecond,
                "decode_values_per_s": result.decodeValuesPerSecond,
            ]
        }
        let total: [String: Any] = [
            "series": results.count,
            "values": totalValues,
            "value_bytes": totalValueBytes,
            "value_bits_per_value": valueBitsPerValue,
            "mean_series_value_bits_per_value": meanSeriesValueBits,
            "zstd3_raw_bits_per_value": zstdRawBitsPerValue,
            "point_bytes": pointBytes.map { $0 as Any } ?? NSNull(),
            "encode_values_per_s": encodeValuesPerSecond,
            "decode_values_per_s": decodeValuesPerSecond,
        ]
        let data = try JSONSerialization.data(withJSONObject: ["series": series, "total": total], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    func format(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }
}
