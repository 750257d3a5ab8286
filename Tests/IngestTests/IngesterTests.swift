import Historian
import TestSupport
import Testing

@testable import Ingest

@Suite struct IngesterTests {
    func ingest(_ text: String, into historian: Historian, chunkSize: Int = 7) throws -> [RejectedLine] {
        let ingester = LineProtocolIngester(historian: historian, precision: .seconds, defaultTimestamp: 42, batchSize: 3)
        var rejected: [RejectedLine] = []
        let bytes = Array(text.utf8)
        var pending: [UInt8] = []
        var offset = 0
        repeat {
            let next = min(bytes.count, offset + chunkSize)
            pending += bytes[offset..<next]
            offset = next
            let consumed = try pending.withUnsafeBytes { try ingester.ingest($0, isFinal: offset == bytes.count) { rejected.append($0) } }
            pending.removeFirst(consumed)
        } while offset < bytes.count
        try ingester.finish { Issue.record("late rejection: \($0)") }
        return rejected
    }

    @Test func storesGoodLinesAndReportsBadOnes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let rejected = try ingest(
            """
            press,machine=M1,line=L1 temp=71.5,count=3i,ok=true 10
            press,line=L1,machine=M1 temp=72.0 11
            press,line=L1,machine=M1 temp=7i 12
            press,line=L1 name="x" 13
            press,line=L1 temp=
            press,machine=M2 speed=1u
            press,machine=M2 speed=2u
            """, into: historian)
        #expect(rejected.map(\.line) == [3, 5])
        #expect(
            rejected[0].reason == #"field type conflict: input field "temp" on measurement "press" is type integer, already exists as type float"#)
        #expect(rejected[1] == RejectedLine(line: 5, column: 20, reason: "field without a value"))
        let name = try #require(historian.series(for: SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L1")], field: "name")))
        #expect(name.kind == .string)
        #expect(try historian.samples(series: name.id, from: .min, to: .max) == [Sample(timestamp: 13_000_000_000, value: .string("x"))])
        let temperature = try #require(
            historian.series(
                for: SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L1"), .init(key: "machine", value: "M1")], field: "temp")))
        #expect(
            try historian.samples(series: temperature.id, from: .min, to: .max) == [
                Sample(timestamp: 10_000_000_000, value: .float(71.5)), Sample(timestamp: 11_000_000_000, value: .float(72)),
            ])
        let unsigned = try #require(
            historian.series(for: SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M2")], field: "speed")))
        #expect(unsigned.kind == .unsigned)
        // Both lines lack a timestamp, so both get the default 42: the later one replaces the earlier.
        #expect(try historian.samples(series: unsigned.id, from: .min, to: .max) == [Sample(timestamp: 42, value: .unsigned(2))])
        #expect(historian.allSeries.count == 5)
    }

    /// An ingester reused across inputs keeps resolving known and new series alike (the keys of
    /// registered series are dropped from its cache, the catalog holds them), with their kinds
    /// still checked and the messages still naming the series.
    @Test func aReusedIngesterKeepsStoringKnownAndNewSeries() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let ingester = LineProtocolIngester(historian: historian, precision: .seconds, defaultTimestamp: 42, batchSize: 4)
        var rejected: [RejectedLine] = []
        for round in 0..<4 {
            ingester.restart(defaultTimestamp: 42)
            // Eight series each round, four of them seen in the round before; d0 gets an integer.
            let lines = (0..<8).map { "m,device=d\(round * 4 + $0) v=\(round).5 \(100 + round)" } + ["m,device=d0 v=7i \(100 + round)"]
            let bytes = Array(lines.joined(separator: "\n").utf8)
            _ = try bytes.withUnsafeBytes { try ingester.ingest($0, isFinal: true) { rejected.append($0) } }
            try ingester.finish { rejected.append($0) }
        }
        #expect(rejected.count == 4, "the integer for float series d0 is refused every round: \(rejected)")
        #expect(
            rejected.allSatisfy {
                $0.reason == #"field type conflict: input field "v" on measurement "m" is type integer, already exists as type float"#
            },
            "\(rejected)")
        #expect(historian.allSeries.count == 20)
        let d4 = try #require(historian.series(for: SeriesKey(measurement: "m", tags: [.init(key: "device", value: "d4")], field: "v")))
        #expect(try historian.samples(series: d4.id, from: .min, to: .max).map(\.value) == [.float(0.5), .float(1.5)])
    }

    func ingest(bytes: [UInt8], into historian: Historian) throws -> [RejectedLine] {
        let ingester = LineProtocolIngester(historian: historian, precision: .seconds, defaultTimestamp: 42)
        var rejected: [RejectedLine] = []
        _ = try bytes.withUnsafeBytes { try ingester.ingest($0, isFinal: true) { rejected.append($0) } }
        try ingester.finish { rejected.append($0) }
        return rejected
    }

    /// Names that cannot become series keys are refused, each with its line and column, and the
    /// rest of the batch is stored: invalid UTF-8 (two different invalid tag values used to collide
    /// into one series of U+FFFD), control characters in keys, keys beyond 65,535 bytes.
    @Test func refusesNamesThatCannotBeSeriesKeys() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        var bytes: [UInt8] = Array("m,k=".utf8) + [0xFF, 0xFE] + Array(" v=1 1\n".utf8)
        bytes += Array("m,k=".utf8) + [0xFE, 0xFF] + Array(" v=2 2\n".utf8)
        bytes += Array("m\u{01}x v=3 3\n".utf8)
        bytes += Array("m,k\u{7F}=a v=4 4\n".utf8)
        bytes += Array("m,k=a f\u{1B}=5 5\n".utf8)
        bytes += Array("m,k=\(String(repeating: "x", count: 70_000)) v=6 6\n".utf8)
        bytes += Array("m,k=tab\u{09}value,unit=°C v=7 7\n".utf8)
        let rejected = try ingest(bytes: bytes, into: historian)
        #expect(rejected.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(rejected[0] == RejectedLine(line: 1, column: 5, reason: "tag value is not valid UTF-8"))
        #expect(rejected[2] == RejectedLine(line: 3, column: 1, reason: "measurement holds the control character 0x1"))
        #expect(rejected[3].reason == "tag key holds the control character 0x7F")
        #expect(rejected[4] == RejectedLine(line: 5, column: 7, reason: "field key holds the control character 0x1B"))
        #expect(rejected[5].reason == "series key of 70006 bytes is longer than the limit of 65535")
        #expect(historian.allSeries.map(\.key.description) == ["m,k=tab\tvalue,unit=°C v"])
    }

    /// Past ``HistorianOptions/maximumSeries`` the lines of new series are refused, as InfluxDB's
    /// max-series-per-database partial write; known series and the rest of the batch are stored.
    @Test func theSeriesLimitRefusesNewSeriesOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.maximumSeries = 3
        let historian = try Historian(directory: directory.path, options: options)
        let rejected = try ingest(
            """
            m,k=a v=1 1
            m,k=b v=2 2
            m,k=c v=3,w=4 3
            m,k=a v=5 4
            m,k=d v=6 5
            m,k=c w=7 6
            """, into: historian)
        #expect(rejected.map(\.line) == [3, 5, 6])
        #expect(rejected.first?.reason == "series m,k=c w: max-series-per-database limit exceeded: (3)")
        #expect(historian.allSeries.map(\.key.description) == ["m,k=a v", "m,k=b v", "m,k=c v"])
        let a = try #require(historian.series(for: SeriesKey(measurement: "m", tags: [.init(key: "k", value: "a")], field: "v")))
        #expect(try historian.samples(series: a.id, from: .min, to: .max).map(\.timestamp) == [1_000_000_000, 4_000_000_000])
        #expect(throws: HistorianError.catalog(.seriesLimit(limit: 3))) {
            try historian.register([(SeriesKey(measurement: "n", field: "v"), .float)])
        }
    }

    /// Past ``HistorianOptions/maximumSeriesPerMeasurement`` a measurement's new series are refused;
    /// other measurements keep registering new series.
    @Test func thePerMeasurementLimitRefusesOnlyThatMeasurementsNewSeries() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.maximumSeriesPerMeasurement = 2
        let historian = try Historian(directory: directory.path, options: options)
        let rejected = try ingest(
            """
            requests,id=1 v=1 1
            requests,id=2 v=1 2
            requests,id=3 v=1 3
            press,machine=M1 temp=70 4
            press,machine=M2 temp=71 5
            requests,id=1 v=2 6
            """, into: historian)
        #expect(rejected.map(\.line) == [3])
        #expect(rejected.first?.reason == "series requests,id=3 v: max-series-per-measurement limit exceeded for measurement requests: (2)")
        #expect(historian.allSeries.count == 4)
        #expect(throws: HistorianError.catalog(.measurementSeriesLimit(measurement: "press", limit: 2))) {
            try historian.register([(SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M3")], field: "temp"), .float)])
        }
        _ = try historian.register([(SeriesKey(measurement: "oven", field: "temp"), .float)])
    }
}
