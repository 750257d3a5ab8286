import TestSupport
import Testing

@testable import Historian

/// A field has one type per measurement; directories written before that hold several and stay readable.
@Suite struct FieldTypeTests {
    static func key(_ machine: String, field: String = "temp", measurement: String = "press") -> SeriesKey {
        SeriesKey(measurement: measurement, tags: [.init(key: "machine", value: machine)], field: field)
    }

    @Test func aNewSeriesTakesTheTypeItsFieldHasInTheMeasurement() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        _ = try historian.register([(Self.key("M1"), .float)])
        let conflict = CatalogError.fieldTypeConflict(measurement: "press", field: "temp", existing: .float, written: .string)
        #expect(throws: HistorianError.catalog(conflict)) { try historian.register([(Self.key("M2"), .string)]) }
        #expect(
            conflict.description == #"field type conflict: input field "temp" on measurement "press" is type string, already exists as type float"#)
        _ = try historian.register([(Self.key("M2"), .float), (Self.key("M2", measurement: "oven"), .string)])
        // Within one call the first new series fixes the type.
        #expect(throws: HistorianError.self) {
            try historian.register([(Self.key("M1", field: "n"), .integer), (Self.key("M2", field: "n"), .float)])
        }
        let partial = try historian.registerWithinLimit([(Self.key("M1", field: "n"), .integer), (Self.key("M2", field: "n"), .float)])
        #expect(partial.map { $0 != nil } == [true, false])
        #expect(historian.refusalReason(for: Self.key("M2", field: "n"), kind: .float).isFieldTypeConflict)
        let rejected = try historian.write([Point(series: Self.key("M3"), timestamp: 1, value: .boolean(true))])
        #expect(rejected.map(\.index) == [0])
    }

    @Test func aDirectoryWithSeveralTypesOfOneFieldStaysReadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let historian = try Historian(directory: directory.path)
            _ = try historian.write([Point(series: Self.key("M1"), timestamp: 1, value: .float(1.5))])
        }
        // As an older histd wrote it: a second series of press.temp holding strings.
        do {
            let database = try SQLiteDatabase(path: directory.path + "/catalog.sqlite")
            try database.execute("INSERT INTO series(id, measurement, tags, field, kind) VALUES(2, 'press', 'machine=M2', 'temp', 5)")
        }
        let historian = try Historian(directory: directory.path)
        let text = try #require(historian.series(for: Self.key("M2")))
        #expect(text.kind == .string)
        try historian.write([(text.id, Sample(timestamp: 2, value: .string("hot")))])
        #expect(try historian.samples(series: text.id, from: .min, to: .max).map(\.value) == [.string("hot")])
        #expect(try historian.samples(series: 1, from: .min, to: .max).map(\.value) == [.float(1.5)])
        // New series may take either type the field already has.
        _ = try historian.register([(Self.key("M3"), .string), (Self.key("M4"), .float)])
        #expect(throws: HistorianError.self) { try historian.register([(Self.key("M5"), .integer)]) }
    }
}
