import Foundation
import TestSupport
import Testing

@testable import SPC

/// A monitor encoded at any point and decoded again goes on exactly as one never interrupted:
/// what a live chart checkpoints to survive a restart.
@Suite struct MonitorCheckpointTests {
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var level = 10.0
        return (0..<count).map { index in
            if index % 40 == 39 { level += 1.5 }
            return level + Double(Int64(generator.next() % 2_001) - 1_000) / 1_000
        }
    }

    /// `value` through a JSON round trip (NaN constants as strings, as the live store keeps them).
    static func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Value.self, from: encoder.encode(value))
    }

    @Test(arguments: [0, 1, 7, 50, 199])
    func individualsMonitorResumesExactly(at cut: Int) throws {
        let stream = Self.values(200, seed: 3)
        var whole = try IndividualsMonitor(center: 10, sigma: 0.6, rules: .nelson)
        let expected = try stream.map { value throws(SPCError) in try whole.add(value) }
        var first = try IndividualsMonitor(center: 10, sigma: 0.6, rules: .nelson)
        var updates = try stream[..<cut].map { value throws(SPCError) in try first.add(value) }
        var resumed = try Self.roundTrip(first)
        updates += try stream[cut...].map { value throws(SPCError) in try resumed.add(value) }
        #expect(updates == expected)
        #expect(expected.contains { !$0.individual.violations.isEmpty }, "the stream exercises the rules")
    }

    @Test func subgroupAttributeEWMAAndCUSUMMonitorsResumeExactly() throws {
        let stream = Self.values(240, seed: 9)
        let subgroups = stride(from: 0, to: stream.count, by: 4).map { Array(stream[$0..<min(stream.count, $0 + 4 + $0 % 3)]) }
        var whole = try SubgroupMonitor(center: 10, sigma: 0.6, usesRange: false, rules: .westernElectric)
        let expected = try subgroups.map { group throws(SPCError) in try whole.add(subgroup: group) }
        var first = try SubgroupMonitor(center: 10, sigma: 0.6, usesRange: false, rules: .westernElectric)
        var updates = try subgroups[..<23].map { group throws(SPCError) in try first.add(subgroup: group) }
        var resumed = try Self.roundTrip(first)
        updates += try subgroups[23...].map { group throws(SPCError) in try resumed.add(subgroup: group) }
        #expect(updates == expected)

        var ewma = try EWMAMonitor(center: 10, sigma: 0.6, lambda: 0.2, width: 2.7)
        var ewmaResumed = ewma
        var ewmaExpected: [MonitorSignal] = []
        var ewmaUpdates: [MonitorSignal] = []
        for (index, value) in stream.enumerated() {
            ewmaExpected.append(try ewma.add(value))
            if index == 100 { ewmaResumed = try Self.roundTrip(ewmaResumed) }
            ewmaUpdates.append(try ewmaResumed.add(value))
        }
        #expect(ewmaUpdates == ewmaExpected)

        var cusum = try CUSUMMonitor(center: 10, sigma: 0.6, k: 0.5, h: 4)
        var cusumResumed = cusum
        var cusumExpected: [CUSUMMonitor.Update] = []
        var cusumUpdates: [CUSUMMonitor.Update] = []
        for (index, value) in stream.enumerated() {
            cusumExpected.append(try cusum.add(value))
            if index == 57 { cusumResumed = try Self.roundTrip(cusumResumed) }
            cusumUpdates.append(try cusumResumed.add(value))
        }
        #expect(cusumUpdates == cusumExpected)

        var attribute = try AttributeMonitor(type: .p, rate: 0.05, rules: .westernElectric)
        var attributeResumed = attribute
        for index in 0..<120 {
            let count = Double((index * 7) % 13)
            let expectedSignal = try attribute.add(count: count, size: 100)
            if index == 60 { attributeResumed = try Self.roundTrip(attributeResumed) }
            #expect(try attributeResumed.add(count: count, size: 100) == expectedSignal)
        }
    }
}
