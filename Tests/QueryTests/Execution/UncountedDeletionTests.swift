import Historian
import Query
import TestSupport
import Testing

@Suite struct UncountedDeletionTests {
    /// The selected series lose their samples in the range (InfluxQL's deletes: no count), the
    /// others keep theirs, and every series stays registered; the deletes hold after the directory
    /// is opened again.
    @Test func deletesTheRangeOfTheSelectedSeriesOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let second: Int64 = 1_000_000_000
        let keys = ["M1", "M2"].map { SeriesKey(measurement: "press", tags: [.init(key: "machine", value: $0)], field: "temp") }
        do {
            let historian = try Historian(directory: directory.path)
            _ = try historian.write(
                keys.flatMap { key in (0..<10).map { Point(series: key, timestamp: Int64($0) * second, value: .float(Double($0))) } })
            let selected = SeriesSelection(measurement: "press", predicate: .tag("machine", .equals("M1"))).series(in: historian)
            try SampleDeletion.delete(selected, from: 2 * second, to: 5 * second, in: historian)
            try SampleDeletion.delete(selected, from: 5 * second, to: 5 * second, in: historian)
        }
        let reopened = try Historian(directory: directory.path)
        let deleted = try #require(reopened.series(for: keys[0]))
        let otherSeries = try #require(reopened.series(for: keys[1]))
        #expect(try reopened.samples(series: deleted.id, from: 0, to: 10 * second).map(\.timestamp) == [0, 1, 5, 6, 7, 8, 9].map { $0 * second })
        #expect(try reopened.samples(series: otherSeries.id, from: 0, to: 10 * second).count == 10)
    }
}
