import Testing
@testable import Historian
import TestSupport

@Suite struct SeriesCatalogTests {
    let temperature = SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M07"), .init(key: "line", value: "L1")], field: "temp")
    let state = SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L1"), .init(key: "machine", value: "M07")], field: "state")
    let other = SeriesKey(measurement: "press", tags: [.init(key: "line", value: "L2"), .init(key: "machine", value: "M 8,x=y")], field: "temp")

    @Test func sortsTagsIntoTheKey() {
        #expect(temperature.tags.map(\.key) == ["line", "machine"])
        #expect(temperature.description == "press,line=L1,machine=M07 temp")
        #expect(other.canonicalTags == #"line=L2,machine=M\ 8\,x\=y"#)
        #expect(SeriesKey.parseCanonicalTags(other.canonicalTags) == other.tags)
    }

    @Test func registersDenseIdsAndReloadsThem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/catalog.sqlite"
        do {
            let catalog = try SeriesCatalog(path: path)
            let registered = try catalog.register([(temperature, .float), (state, .integer), (temperature, .float)])
            #expect(registered.map { $0?.id } == [1, 2, 1])
            let again = try catalog.register([(other, .float), (state, .integer)])
            #expect(again.map { $0?.id } == [3, 2])
            try catalog.setMetadata(SeriesMetadata(unit: "degC", engineeringRange: 0...150, upperSpecLimit: 90, interpolation: .step), for: 1)
        }
        let reopened = try SeriesCatalog(path: path)
        #expect(reopened.all.count == 3)
        #expect(reopened.lookup(other)?.id == 3)
        #expect(reopened.lookup(state)?.kind == .integer)
        let first = try #require(reopened.series(1))
        #expect(first.key == temperature)
        #expect(first.metadata == SeriesMetadata(unit: "degC", engineeringRange: 0...150, upperSpecLimit: 90, interpolation: .step))
        #expect(first.interpolation == .step)
        #expect(reopened.series(2)?.interpolation == .step, "integers default to step")
        #expect(reopened.series(3)?.interpolation == .linear, "floats default to linear")
    }

    @Test func rejectsAKindConflictAndRegistersNothingOfThatBatch() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalog = try SeriesCatalog(path: directory.path + "/catalog.sqlite")
        _ = try catalog.register([(temperature, .float)])
        #expect(throws: CatalogError.kindConflict(series: "press,line=L1,machine=M07 temp", registered: .float, written: .boolean)) {
            try catalog.register([(other, .float), (temperature, .boolean)])
        }
        #expect(catalog.lookup(other) == nil)
    }

    @Test func selectsByTagEqualityRegexAndField() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalog = try SeriesCatalog(path: directory.path + "/catalog.sqlite")
        _ = try catalog.register([(temperature, .float), (state, .integer), (other, .float)])
        func select(_ selector: SeriesSelector) -> [Series] {
            catalog.candidates(for: selector).filter { selector.matches($0.key) }
        }
        #expect(select(try SeriesSelector(measurement: "press")).map(\.id) == [1, 2, 3])
        #expect(select(try SeriesSelector(measurement: "press", field: "temp")).map(\.id) == [1, 3])
        #expect(select(try SeriesSelector(measurement: "press", tags: [("line", .equals("L1"))])).map(\.id) == [1, 2])
        #expect(select(try SeriesSelector(measurement: "press", tags: [("machine", .matches("M\\d+"))], field: "temp")).map(\.id) == [1])
        #expect(select(try SeriesSelector(measurement: "press", tags: [("shift", .equals("A"))])).isEmpty)
        #expect(select(try SeriesSelector(measurement: "oven")).isEmpty)
        #expect(throws: QueryError.self) { try SeriesSelector(measurement: "press", tags: [("line", .matches("(unclosed"))]) }
    }
}
