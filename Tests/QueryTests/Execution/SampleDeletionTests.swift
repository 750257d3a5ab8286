import Historian
import Query
import TestSupport
import Testing

@Suite struct SampleDeletionTests {
    static func key(_ machine: String) -> SeriesKey {
        SeriesKey(measurement: "press", tags: [.init(key: "machine", value: machine)], field: "temp")
    }

    @Test func deletesAndCountsTheSamplesOfASelectionInARange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let historian = try Historian(directory: directory.path)
            var points: [Point] = []
            for machine in ["M1", "M2", "X1"] {
                for time in 0..<10 { points.append(Point(series: Self.key(machine), timestamp: Int64(time), value: .float(Double(time)))) }
            }
            _ = try historian.write(points)
            try historian.flush()
            let selection = SeriesSelection(measurement: "press", predicate: try TagCondition.predicate(["machine=~M."], argument: "tag"))
            #expect(try SampleDeletion.delete(selection, from: 2, to: 5, in: historian) == 6)
            #expect(try SampleDeletion.delete(selection, from: 2, to: 5, in: historian) == 0)
            #expect(throws: HistorianError.self) { try SampleDeletion.delete(selection, from: 5, to: 5, in: historian) }
            _ = try historian.compact()
        }
        let reopened = try Historian(directory: directory.path)
        let m1 = try #require(reopened.series(for: Self.key("M1")))
        let x1 = try #require(reopened.series(for: Self.key("X1")))
        #expect(try reopened.samples(series: m1.id, from: .min, to: .max).map(\.timestamp) == [0, 1, 5, 6, 7, 8, 9])
        #expect(try reopened.samples(series: x1.id, from: .min, to: .max).count == 10)
        #expect(reopened.allSeries.count == 3)
        let added = try reopened.register([(Self.key("M9"), .float)])
        #expect(added.first?.id == 4)
    }
}
