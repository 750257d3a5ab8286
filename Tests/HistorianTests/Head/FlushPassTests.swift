import Foundation
import TestSupport
import Testing

@testable import Historian

/// A flush writes its files series by series, a bounded number of windows at a time: a backfill
/// over more windows than one pass takes still writes one file per window, and every sample reads
/// back, before and after a restart and a compaction.
@Suite struct FlushPassTests {
    @Test func aFlushOverManyWindowsWritesEachWindowOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = HistorianOptions()
        options.partitionWindow = 1_000
        let windows = Historian.windowsPerFlushPass * 2 + 3
        let keys = (0..<5).map { SeriesKey(measurement: "m", tags: [.init(key: "machine", value: "M\($0)")], field: "v") }
        // Series by series, each over every window, and a second batch that goes back in time.
        let points = keys.enumerated().flatMap { index, key in
            stride(from: 0, to: windows * 1_000, by: 250).map { Point(series: key, timestamp: Int64($0), value: .float(Double($0 + index))) }
        }
        let late = keys.map { Point(series: $0, timestamp: 5, value: .float(-1)) }
        do {
            let historian = try Historian(directory: directory.path, options: options)
            _ = try historian.write(points)
            _ = try historian.write(late)
            try historian.flush()
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/partitions")
            #expect(names.count == windows)
            #expect(Set(names.map { $0.split(separator: "-")[1] }).count == windows)
            try check(historian, keys: keys, points: points, late: late)
        }
        let reopened = try Historian(directory: directory.path, options: options)
        try check(reopened, keys: keys, points: points, late: late)
        _ = try reopened.compact()
        try check(reopened, keys: keys, points: points, late: late)
        #expect(Historian.verify(directory: directory.path).faults.isEmpty)
    }

    private func check(_ historian: Historian, keys: [SeriesKey], points: [Point], late: [Point]) throws {
        for key in keys {
            let id = try #require(historian.series(for: key)).id
            var expected = points.filter { $0.series == key }.map(\.sample)
            expected.insert(contentsOf: late.filter { $0.series == key }.map(\.sample), at: 1)
            #expect(try historian.samples(series: id, from: .min, to: .max) == expected)
        }
    }
}
