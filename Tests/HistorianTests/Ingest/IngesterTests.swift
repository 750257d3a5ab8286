import Testing
@testable import Historian

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
        try ingester.finish()
        return rejected
    }

    @Test func storesGoodLinesAndReportsBadOnes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let rejected = try ingest("""
            press,machine=M1,line=L1 temp=71.5,count=3i,ok=true 10
            press,line=L1,machine=M1 temp=72.0 11
            press,line=L1,machine=M1 temp=7i 12
            press,line=L1 name="x" 13
            press,line=L1 temp=
            press,machine=M2 temp=1u
            press,machine=M2 temp=2u
            """, into: historian)
        #expect(rejected.map(\.line) == [3, 5])
        #expect(rejected[0].reason == "series press,line=L1,machine=M1 temp holds float values; field value is integer")
        #expect(rejected[1] == RejectedLine(line: 5, column: 20, reason: "field without a value"))
        let name = try #require(historian.series(for: SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L1")], field: "name")))
        #expect(name.kind == .string)
        #expect(try historian.samples(series: name.id, from: .min, to: .max) == [Sample(timestamp: 13_000_000_000, value: .string("x"))])
        let temperature = try #require(historian.series(for: SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L1"), .init(key: "machine", value: "M1")], field: "temp")))
        #expect(try historian.samples(series: temperature.id, from: .min, to: .max) == [
            Sample(timestamp: 10_000_000_000, value: .float(71.5)), Sample(timestamp: 11_000_000_000, value: .float(72)),
        ])
        let unsigned = try #require(historian.series(for: SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M2")], field: "temp")))
        #expect(unsigned.kind == .unsigned)
        // Both lines lack a timestamp, so both get the default 42: the later one replaces the earlier.
        #expect(try historian.samples(series: unsigned.id, from: .min, to: .max) == [Sample(timestamp: 42, value: .unsigned(2))])
        #expect(historian.allSeries.count == 5)
    }

    @Test func csvStoresColumnsAndReportsBadCells() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let ingester = CSVIngester(historian: historian, measurement: "oven", precision: .milliseconds)
        let text = "time,temp,pressure\n1000,20.5,1.0\n2024-01-01T00:00:00Z,21,\nabc,1,2\n3000,x,2.5\n4000,1\n"
        var rejected: [RejectedLine] = []
        let consumed = try Array(text.utf8).withUnsafeBytes { try ingester.ingest($0, isFinal: true) { rejected.append($0) } }
        try ingester.finish()
        #expect(consumed == text.utf8.count)
        #expect(rejected.map(\.line) == [4, 5, 6])
        let temp = try #require(historian.series(for: SeriesKey(measurement: "oven", field: "temp")))
        let pressure = try #require(historian.series(for: SeriesKey(measurement: "oven", field: "pressure")))
        #expect(try historian.samples(series: temp.id, from: .min, to: .max).map(\.value) == [.float(20.5), .float(21)])
        #expect(try historian.samples(series: pressure.id, from: .min, to: .max).map(\.timestamp) == [1_000_000_000, 3_000_000_000])
    }
}

@Suite struct IngesterFuzzTests {
    /// Mutated plant-like input through the whole write path never traps; every line is either
    /// stored or rejected with a reason, and what was stored reads back.
    @Test func mutatedInputIsStoredOrRejectedNeverTraps() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        var generator = SplitMix64(seed: 0xF022)
        let template = Array("plant,line=L01,machine=M001 state=1i,temp=70.7,ok=t,n=5u,s=\"x\" 1704067200000000000\n".utf8)
        let alphabet = Array(##" ,=\"#tTfFiu.eE-+0123456789"##.utf8) + [0x0a, 0x00, 0xff]
        var input: [UInt8] = []
        for line in 0..<2_000 {
            var bytes = template
            // A fresh timestamp per line, then a few random mutations.
            let stamp = Array(String(1_704_067_200_000_000_000 + Int64(line) * 1_000_000_000).utf8)
            bytes.replaceSubrange((bytes.count - 20)..<(bytes.count - 1), with: stamp)
            for _ in 0..<Int(generator.next() % 3) {
                let position = Int(generator.next() % UInt64(bytes.count - 1))
                bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            input += bytes
        }
        let ingester = LineProtocolIngester(historian: historian, defaultTimestamp: 0, batchSize: 500)
        var rejected: [RejectedLine] = []
        _ = try input.withUnsafeBytes { try ingester.ingest($0, isFinal: true) { rejected.append($0) } }
        try ingester.finish()
        #expect(ingester.linesAccepted > 1_000)
        #expect(!rejected.isEmpty)
        #expect(rejected.allSatisfy { $0.line >= 1 && $0.line <= ingester.linesRead && !$0.reason.isEmpty })
        var stored = 0
        for series in historian.allSeries {
            stored += try historian.samples(series: series.id, from: .min, to: .max).count
        }
        #expect(stored > 0 && stored <= ingester.valuesWritten)
        try historian.flush()
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
    }
}
