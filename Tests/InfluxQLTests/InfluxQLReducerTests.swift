import Historian
import TestSupport
import Testing

@testable import InfluxQL

@Suite struct InfluxQLReducerTests {
    /// n = (second / 7 + 1) % 50 + 1 for 30 minutes: values 2 to 8 are each 42 times the most
    /// frequent; InfluxDB 1.6 answered these modes on the same samples.
    @Test func modeBreaksTiesAsInfluxDB() {
        var points: [InfluxQLReducer.Point] = []
        for second in 0..<1_800 {
            let value = Int64((second / 7 + 1) % 50 + 1)
            points.append((time: Int64(second), value: .integer(value), tagSet: 0))
        }
        #expect(InfluxQLReducer.mode(points) == .integer(5))
        #expect(InfluxQLReducer.mode(points.filter { (2...8).contains(Self.integer($0.value)) }) == .integer(2))
        #expect(InfluxQLReducer.mode(points.filter { (2...3).contains(Self.integer($0.value)) }) == .integer(3))
        #expect(InfluxQLReducer.mode(points.filter { (2...3).contains(Self.integer($0.value)) && $0.time < 300 }) == .integer(2))
        #expect(InfluxQLReducer.mode([(time: 7, value: .string("on"), tagSet: 0)]) == .string("on"))
    }

    @Test func goSortSortsEveryShape() {
        var generator = SplitMix64(seed: 5)
        for count in [0, 1, 2, 11, 12, 13, 49, 50, 51, 1_000, 5_000] {
            for shape in 0..<4 {
                var values: [Int] = (0..<count).map { index in
                    switch shape {
                    case 0: Int(generator.next() % 1_000)
                    case 1: index
                    case 2: count - index
                    default: Int(generator.next() % 3)
                    }
                }
                let expected = values.sorted()
                GoPatternDefeatingSort.sort(&values, by: <)
                #expect(values == expected, "count \(count), shape \(shape)")
            }
        }
    }

    /// Trapezoids per unit; a sample in a later interval closes the current one at its end.
    @Test func integralInterpolatesAtIntervalEnds() {
        let points: [InfluxQLReducer.Point] = [0, 10, 30].map { (time: $0, value: .float(Double($0)), tagSet: 0) }
        let whole = InfluxQLReducer.integrals(points, unit: 1, intervals: 1, window: { _ in 0 }, start: { _ in 0 }, end: nil)
        #expect(whole == [450])
        let split = InfluxQLReducer.integrals(
            points, unit: 1, intervals: 2, window: { $0 < 20 ? 0 : 1 }, start: { Int64($0) * 20 }, end: { Int64($0) * 20 + 20 })
        #expect(split == [200, 250])
    }

    @Test func distinctInFirstSeenOrderAndTopWithTags() {
        let points: [InfluxQLReducer.Point] = [(0, .float(5), 0), (1, .float(3), 1), (1, .float(1), 0), (2, .float(5), 1), (3, .float(9), 0)]
        #expect(InfluxQLReducer.distinct(points) == [.float(5), .float(1), .float(3), .float(9)])
        #expect(InfluxQLReducer.top(points, largest: true, count: 2, tagValues: nil).map(\.time) == [0, 3])
        #expect(InfluxQLReducer.top(points, largest: true, count: 2, tagValues: [["x"], ["y"]]).map(\.time) == [2, 3])
        #expect(InfluxQLReducer.top(points, largest: true, count: 2, tagValues: [["x"], ["x"]]).map(\.time) == [3])
        #expect(InfluxQLReducer.top(points, largest: false, count: 1, tagValues: nil).map(\.value) == [.float(1)])
    }

    private static func integer(_ value: SampleValue) -> Int {
        if case .integer(let number) = value { Int(number) } else { -1 }
    }
}
