import Foundation
import Testing

@testable import histd

@Suite("Codec benchmark")
struct CodecBenchmarkTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/nab-machine-temperature.csv.gz").path

    @Test("the bundled NAB sample is read through gzip and every series round-trips")
    func bundledSample() throws {
        let table = try DelimitedTable.parse(InputFile.readBytes(Self.fixture), file: Self.fixture)
        #expect(table.series.count == 1)
        #expect(table.series[0].values.count == 22_695)
        let result = try CodecBenchmark(chunkSize: 8192, minimumTimingSeconds: 0).run(file: Self.fixture, series: table.series[0])
        #expect(result.values == 22_695)
        // Five-decimal temperatures: the decimal codec must beat the 64 raw bits by far.
        #expect(result.valueBitsPerValue < 40)
        #expect((result.pointBytes ?? 99) < 5.5)
        let json = try CodecBenchReport(results: [result]).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        for key in ["values", "value_bits_per_value", "point_bytes", "encode_values_per_s", "decode_values_per_s"] {
            #expect(total[key] != nil, "total.\(key)")
        }
    }

    @Test("rows out of time order are sorted stably before coding")
    func timeOrder() {
        let series = DelimitedTable.Series(name: "x", timestamps: [3, 1, 2, 1], values: [30, 10, 20, 11])
        let ordered = CodecBenchmark.timeOrdered(series)
        #expect(ordered.timestamps == [1, 1, 2, 3])
        #expect(ordered.values == [10, 11, 20, 30])
    }
}
