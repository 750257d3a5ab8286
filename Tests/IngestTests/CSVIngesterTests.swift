import Foundation
import Historian
import TestSupport
import Testing
import Time

@testable import Ingest

@Suite struct CSVIngesterTests {
    static let now: Int64 = 1_765_000_000_000_000_000

    /// Ingests `text` in pieces of `chunkSize` bytes; returns the rejected lines.
    static func ingest(_ text: String, _ ingester: CSVIngester, chunkSize: Int = 13) throws -> [RejectedLine] {
        var rejected: [RejectedLine] = []
        let bytes = Array(text.utf8)
        var pending: [UInt8] = []
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + chunkSize)
            pending += bytes[offset..<end]
            offset = end
            let isFinal = offset == bytes.count
            let consumed = try pending.withUnsafeBytes { try ingester.ingest($0, isFinal: isFinal) { rejected.append($0) } }
            pending.removeFirst(consumed)
        } while offset < bytes.count
        try ingester.finish()
        return rejected
    }

    static func options(_ configure: (inout CSVImportOptions) -> Void = { _ in }) -> CSVImportOptions {
        var options = CSVImportOptions(measurement: "plant")
        options.now = now
        options.plausibleTimes = PlausibleTimeWindow()
        configure(&options)
        return options
    }

    static func samples(_ historian: Historian, _ field: String, tags: [SeriesKey.Tag] = []) throws -> [Sample] {
        let series = try #require(historian.series(for: SeriesKey(measurement: "plant", tags: tags, field: field)))
        return try historian.samples(series: series.id, from: .min, to: .max)
    }

    @Test func semicolonFileWithADatetimeColumnNeedsNoOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let ingester = CSVIngester(historian: historian, options: Self.options())
        let text = "\u{FEFF}datetime;temp;phase\r\n2024-03-01T10:00:00Z;21,5;roughing\r\n2024-03-01T10:01:00Z;22;finishing\r\n"
        #expect(try Self.ingest(text, ingester).isEmpty)
        #expect(ingester.schema?.delimiter == UInt8(ascii: ";"))
        #expect(try Self.samples(historian, "temp").map(\.value) == [.float(21.5), .float(22)])
        #expect(try Self.samples(historian, "phase").map(\.value) == [.string("roughing"), .string("finishing")])
        #expect(try Self.samples(historian, "temp").first?.timestamp == RFC3339.parse("2024-03-01T10:00:00Z"))
    }

    @Test func dayFirstDatesAreDetectedAndAmbiguousOnesNeedAFormat() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let dayFirst = CSVIngester(historian: historian, options: Self.options())
        #expect(try Self.ingest("time;v\n03/04/2024 10:00;1\n25/04/2024 10:00;2\n", dayFirst).isEmpty)
        #expect(try Self.samples(historian, "v").map(\.timestamp) == [RFC3339.parse("2024-04-03T10:00:00Z"), RFC3339.parse("2024-04-25T10:00:00Z")])
        let ambiguous = CSVIngester(historian: historian, options: Self.options())
        #expect(throws: CSVImportError.self) { try Self.ingest("time;w\n03/04/2024 10:00;1\n05/04/2024 10:00;2\n", ambiguous) }
        let formatted = CSVIngester(historian: historian, options: Self.options { $0.timeFormat = try? CSVTimeFormat("mm/dd/yyyy hh:mm") })
        #expect(try Self.ingest("time;w\n03/04/2024 10:00;1\n", formatted).isEmpty)
        #expect(try Self.samples(historian, "w").map(\.timestamp) == [RFC3339.parse("2024-03-04T10:00:00Z")])
    }

    @Test func aRowIndexIsRefusedAsTheTimeUnlessNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let text = ",temp\n0,20.5\n1,20.7\n"
        #expect {
            try Self.ingest(text, CSVIngester(historian: historian, options: Self.options()))
        } throws: { error in
            "\(error)".contains("looks like a row index")
        }
        // Named as the time, its values are read as epoch seconds and fall outside the plausible window.
        let named = CSVIngester(historian: historian, options: Self.options { $0.timeColumn = "1" })
        let rejected = try Self.ingest(text, named)
        #expect(rejected.count == 2)
        #expect(rejected.first?.reason.contains("plausible window") == true)
        // A row index beside a time column is just a value column.
        let beside = CSVIngester(historian: historian, options: Self.options { $0.skipColumns = ["1"] })
        #expect(try Self.ingest(",timestamp,x\n0,2024-01-01T00:00:00Z,1\n", beside).isEmpty)
        #expect(try Self.samples(historian, "x").count == 1)
    }

    @Test func tagColumnsSkippedColumnsAndABadCellRejectingItsWholeRow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let ingester = CSVIngester(
            historian: historian,
            options: Self.options {
                $0.tagColumns = ["machine"]
                $0.skipColumns = ["note"]
                $0.precision = .seconds
            })
        let text = """
            time,machine,temp,pressure,note
            1704067200,M1,20.5,1.0,first
            1704067260,M2,21,,"a, b"
            1704067320,M1,x,2.5,bad
            1704067380,M1,22
            """
        let rejected = try Self.ingest(text, ingester)
        #expect(rejected.map(\.line) == [4, 5])
        #expect(rejected.first?.reason == "column 'temp': 'x' is not a float value (the series holds float values)")
        let m1 = [SeriesKey.Tag(key: "machine", value: "M1")]
        #expect(try Self.samples(historian, "temp", tags: m1).map(\.value) == [.float(20.5)])
        #expect(try Self.samples(historian, "pressure", tags: m1).map(\.timestamp) == [1_704_067_200_000_000_000])
        #expect(try Self.samples(historian, "temp", tags: [.init(key: "machine", value: "M2")]).count == 1)
        #expect(historian.series(for: SeriesKey(measurement: "plant", field: "note")) == nil)
    }

    @Test func excelSerialDaysAndTimeZones() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        let excel = CSVIngester(historian: historian, options: Self.options { $0.timeFormat = .excelSerialDays })
        #expect(try Self.ingest("when,a\n45292.5,1\n", excel).isEmpty)
        #expect(try Self.samples(historian, "a").first?.timestamp == RFC3339.parse("2024-01-01T12:00:00Z"))
        let berlin = CSVIngester(
            historian: historian,
            options: Self.options {
                $0.timeZone = TimeZone(identifier: "Europe/Berlin")
                $0.timeFormat = try? CSVTimeFormat("%d.%m.%Y %H:%M")
            })
        #expect(try Self.ingest("zeit;b\n15.01.2024 10:00;1\n15.07.2024 10:00;2\n", berlin).isEmpty)
        #expect(
            try Self.samples(historian, "b").map(\.timestamp) == [RFC3339.parse("2024-01-15T09:00:00Z"), RFC3339.parse("2024-07-15T08:00:00Z")])
    }

    @Test func aDryRunStoresNothingAndPreviewsLineProtocol() throws {
        let ingester = CSVIngester(historian: nil, options: Self.options { $0.tagColumns = ["line"] }, previewLimit: 2)
        let text =
            "timestamp\tline\tspeed\tok\n2024-01-01T00:00:00Z\tL 1\t12.5\tyes\n2024-01-01T00:00:01Z\tL2\t13\tno\n2024-01-01T00:00:02Z\tL2\t14\tno\n"
        #expect(try Self.ingest(text, ingester).isEmpty)
        #expect(
            ingester.preview == [
                #"plant,line=L\ 1 speed=12.5,ok="yes" 1704067200000000000"#, #"plant,line=L2 speed=13.0,ok="no" 1704067201000000000"#,
            ])
        let schema = try #require(ingester.schema)
        #expect(schema.description.contains("delimiter: tab"))
        #expect(schema.description.contains("fields: speed (float), ok (string)"))
    }

    @Test func latin1AndCP1252ConvertToUTF8() {
        #expect(TextEncoding.latin1.utf8([0x54, 0xE9, 0x6D, 0x70]) == Array("Témp".utf8))
        #expect(TextEncoding.cp1252.utf8([0x80, 0x20, 0xB0, 0x43, 0x81]) == Array("€ °C\u{FFFD}".utf8))
        #expect(TextEncoding.latin1.utf8([0x41, 0x42]) == [0x41, 0x42])
        #expect(TextEncoding.utf8.utf8([0xC3, 0xA9]) == [0xC3, 0xA9])
        #expect(TextEncoding(name: "Windows-1252") == .cp1252)
        #expect(TextEncoding(name: "utf16") == nil)
    }

    @Test func timeFormatsParseStrftimeAndSpelledForms() throws {
        func read(_ format: String, _ text: String) throws -> Int64? {
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBytes { try CSVTimeFormat(format).read($0)?.localNanoseconds }
        }
        #expect(try read("%Y-%m-%d %H:%M:%S", "2024-02-29 23:59:58") == RFC3339.parse("2024-02-29T23:59:58Z"))
        #expect(try read("dd/mm/yyyy hh:mm", "31/12/2023 08:05") == RFC3339.parse("2023-12-31T08:05:00Z"))
        #expect(try read("%d/%m/%y %H:%M:%S.%f", "01/02/24 10:00:00.25") == RFC3339.parse("2024-02-01T10:00:00.25Z"))
        #expect(try read("%Y-%m-%d", "2023-02-29") == nil)
        #expect(throws: CSVImportError.self) { try CSVTimeFormat("%Q") }
        #expect(throws: CSVImportError.self) { try CSVTimeFormat("%H:%M") }
    }
}
