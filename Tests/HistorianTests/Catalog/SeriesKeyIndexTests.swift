import Testing

@testable import Historian

@Suite struct SeriesKeyIndexTests {
    /// Through many growths, every key finds its own position, and keys that differ only in a tag
    /// value, a tag key or the field find nothing.
    @Test func everyKeyFindsItsPositionThroughGrowth() {
        let all = (0..<20_000).map { number in
            Series(
                id: SeriesID(number + 1),
                key: SeriesKey(measurement: "m\(number % 7)", tags: [.init(key: "device", value: "d\(number)")], field: "v\(number % 3)"),
                kind: .float, metadata: SeriesMetadata())
        }
        var index = SeriesKeyIndex()
        for position in all.indices { index.insert(position: position, in: all) }
        #expect(index.count == all.count)
        for (position, series) in all.enumerated() { #expect(index.position(of: series.key, in: all) == position) }
        #expect(index.position(of: SeriesKey(measurement: "m0", tags: [.init(key: "device", value: "d20000")], field: "v0"), in: all) == nil)
        #expect(index.position(of: SeriesKey(measurement: "m0", tags: [.init(key: "machine", value: "d0")], field: "v0"), in: all) == nil)
        #expect(index.position(of: SeriesKey(measurement: "m0", tags: [.init(key: "device", value: "d0")], field: "v1"), in: all) == nil)
    }
}
