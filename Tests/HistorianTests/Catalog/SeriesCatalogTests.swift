import TestSupport
import Testing

@testable import Historian

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

    @Test func indexesGiveTheSeriesOfAMeasurementWithEveryGivenTag() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalog = try SeriesCatalog(path: directory.path + "/catalog.sqlite")
        _ = try catalog.register([(temperature, .float), (state, .integer), (other, .float)])
        #expect(catalog.series(measurement: "press", tags: []).map(\.id) == [1, 2, 3])
        #expect(catalog.series(measurement: "press", tags: [.init(key: "line", value: "L1")]).map(\.id) == [1, 2])
        #expect(catalog.series(measurement: nil, tags: [.init(key: "line", value: "L1"), .init(key: "machine", value: "M07")]).map(\.id) == [1, 2])
        #expect(catalog.series(measurement: "press", tags: [.init(key: "shift", value: "A")]).isEmpty)
        #expect(catalog.series(measurement: "oven", tags: []).isEmpty)
        #expect(catalog.series(measurement: nil, tags: []).map(\.id) == [1, 2, 3])
    }
}
