import Historian
import Query
import RegularExpression
import TestSupport
import Testing

@Suite struct SeriesSelectionTests {
    static func key(_ measurement: String, _ tags: [String: String], _ field: String) -> SeriesKey {
        SeriesKey(measurement: measurement, tags: tags.map { SeriesKey.Tag(key: $0.key, value: $0.value) }, field: field)
    }

    static let keys = [
        key("press", ["line": "L1", "machine": "M07"], "temp"),
        key("press", ["line": "L1", "machine": "M07"], "state"),
        key("press", ["line": "L2", "machine": "M 8,x=y"], "temp"),
        key("press", ["line": "L2"], "temp"),
        key("oven", ["line": "L1", "machine": "O1"], "temp"),
    ]

    /// A historian holding one sample of each key, registered in the order of ``keys`` (ids 1...5).
    static func historian(in directory: TemporaryDirectory) throws -> Historian {
        let historian = try Historian(directory: directory.path)
        for key in keys { _ = try historian.write([Point(series: key, timestamp: 1, value: .float(1))]) }
        return historian
    }

    @Test func resolvesEqualitiesRegularExpressionsAndFieldsThroughTheIndexes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Self.historian(in: directory)
        func ids(_ selection: SeriesSelection) -> [SeriesID] { selection.series(in: historian).map(\.id) }
        #expect(ids(SeriesSelection(measurement: "press")) == [1, 2, 3, 4])
        #expect(ids(SeriesSelection(measurement: nil)) == [1, 2, 3, 4, 5])
        #expect(ids(SeriesSelection(measurement: "press", fields: ["temp"])) == [1, 3, 4])
        #expect(ids(SeriesSelection(measurement: nil, predicate: .tag("line", .equals("L1")))) == [1, 2, 5])
        let machine = try RegularExpression("M\\d+")
        #expect(ids(SeriesSelection(measurement: "press", predicate: .tag("machine", .matchesWhole(machine)), fields: ["temp"])) == [1])
        #expect(ids(SeriesSelection(measurement: "press", predicate: .tag("shift", .equals("A")))).isEmpty)
        #expect(ids(SeriesSelection(measurement: "mill")).isEmpty)
    }

    @Test func combinesConditionsWithAndOrAndNot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Self.historian(in: directory)
        func ids(_ predicate: SeriesPredicate) -> [SeriesID] {
            SeriesSelection(measurement: "press", predicate: predicate).series(in: historian).map(\.id)
        }
        #expect(ids(.not(.tag("line", .equals("L1")))) == [3, 4])
        #expect(ids(.any([.tag("field", .equals("x")), .tag("machine", .equals("M 8,x=y"))])) == [3])
        #expect(ids(.all([.tag("line", .equals("L2")), .not(.tag("machine", .equals("M 8,x=y")))])) == [4])
        // A missing tag reads as empty for equality and for a match anywhere, and never matches whole.
        #expect(ids(.tag("machine", .equals(""))) == [4])
        #expect(ids(.tag("machine", .matchesPart(try RegularExpression("^$")))) == [4])
        #expect(ids(.tag("machine", .matchesWhole(try RegularExpression(".*")))) == [1, 2, 3])
        #expect(ids(.any([])) == [])
        #expect(ids(.all([])) == [1, 2, 3, 4])
    }
}
