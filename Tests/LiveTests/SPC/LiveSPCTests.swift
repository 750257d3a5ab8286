import Foundation
import Historian
import SPC
import TestSupport
import Testing

@testable import Live

/// Live charts evaluated as samples are committed: the episodes equal those of the same points
/// fed in one go, across restarts at random points, and every event is stored exactly once.
@Suite struct LiveSPCTests {
    static let second: Int64 = 1_000_000_000
    static let key = SeriesKey(measurement: "press", tags: [.init(key: "machine", value: "M1")], field: "temp")

    /// Phase I: 120 in-control values at 1 s; phase II: `count` values from 200 s on, with a shift
    /// of 2.5 σ for a stretch and single outliers, so that several rules fire.
    static func stream(_ count: Int, seed: UInt64) -> (phaseOne: [(Int64, Double)], phaseTwo: [(Int64, Double)]) {
        var generator = SplitMix64(seed: seed)
        func noise() -> Double { Double(Int64(generator.next() % 2_001) - 1_000) / 1_000 }
        let phaseOne = (0..<120).map { (Int64($0 + 1) * second, 10 + noise()) }
        let phaseTwo = (0..<count).map { index -> (Int64, Double) in
            var value = 10 + noise()
            if index % 90 >= 60 { value += 1.5 }
            if index % 97 == 13 { value += 4 }
            return (Int64(200 + index * 2) * second, value)
        }
        return (phaseOne, phaseTwo)
    }

    static func definition(_ extra: [String: JSONValue] = [:]) throws -> ChartDefinition {
        var members: [String: JSONValue] = [
            "name": .string("press temperature"), "type": .string("imr"), "rules": .string("we"),
            "series": .object(["measurement": .string("press"), "tags": .object(["machine": .string("M1")]), "field": .string("temp")]),
            "phase1": .object(["from": .integer(0), "to": .integer(150 * second)]),
        ]
        for (key, value) in extra { members[key] = value }
        return try ChartDefinition.parse(.object(members), now: 0)
    }

    static func write(_ historian: Historian, _ samples: ArraySlice<(Int64, Double)>) throws {
        _ = try historian.write(samples.map { Point(series: key, timestamp: $0.0, value: .float($0.1)) })
    }

    /// The episodes of `points` fed to a fresh monitor with the revision's limits: per panel and
    /// rule, runs of consecutive points on which the rule fires, as (first time, last time, points).
    static func expectedEpisodes(_ revision: ChartRevision, points: [Subgrouping.Subgroup]) throws -> Set<String> {
        let settings = try revision.definition.chartSettings()
        var monitor = try LiveMonitor(settings: settings, limits: revision.limits)
        var open: [String: (first: Int64, last: Int64, points: Int)] = [:]
        var episodes: Set<String> = []
        for point in points {
            for panelPoint in try monitor.add(point, sampleSize: settings.sampleSize) {
                let firing = Set(panelPoint.firing)
                for rule in firing {
                    let key = panelPoint.panel + "/" + rule
                    if let run = open[key] { open[key] = (run.first, point.start, run.points + 1) } else { open[key] = (point.start, point.start, 1) }
                }
                for (key, run) in open where key.hasPrefix(panelPoint.panel + "/") && !firing.contains(String(key.split(separator: "/")[1])) {
                    episodes.insert("\(key) \(run.first) \(run.last) \(run.points) closed")
                    open[key] = nil
                }
            }
        }
        for (key, run) in open { episodes.insert("\(key) \(run.first) \(run.last) \(run.points) open") }
        return episodes
    }

    static func liveEpisodes(_ live: LiveSPC) throws -> Set<String> {
        Set(
            try live.events(EventFilter(kind: .spcViolation, limit: .max)).map {
                "\($0.panel ?? "")/\($0.rule ?? "") \($0.firstTime) \($0.lastTime) \($0.points) \($0.open ? "open" : "closed")"
            })
    }

    @Test(arguments: [1, 2, 3])
    func episodesEqualThoseOfTheSamePointsFedInOneGoAcrossRestarts(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (phaseOne, phaseTwo) = Self.stream(600, seed: seed)
        var generator = SplitMix64(seed: seed &* 31)
        var historian: Historian? = try Historian(directory: directory.path)
        try Self.write(try #require(historian), phaseOne[...])
        var live: LiveSPC? = try LiveSPC(historian: try #require(historian))
        let revision = try #require(live).create(try Self.definition(), author: "test", reason: "first", now: 0)
        var written = 0
        while written < phaseTwo.count {
            let size = Int(generator.next() % 40) + 1
            try Self.write(try #require(historian), phaseTwo[written..<min(phaseTwo.count, written + size)])
            written += size
            if generator.next() % 5 == 0 {
                // A restart: the live state comes back from its checkpoint.
                live?.close()
                live = nil
                historian = nil
                historian = try Historian(directory: directory.path)
                live = try LiveSPC(historian: try #require(historian))
            }
        }
        let current = try #require(live)
        current.waitUntilEvaluated()
        current.waitUntilEvaluated()
        let points = phaseTwo.map { Subgrouping.Subgroup(start: $0.0, values: [$0.1]) }
        let expected = try Self.expectedEpisodes(revision, points: points)
        #expect(expected.count >= 3, "the stream makes several episodes")
        #expect(try Self.liveEpisodes(current) == expected)
        // Each open and each close is one message, sequence numbers ascending.
        let messages = try current.messages(after: 0)
        let events = try current.events(EventFilter(kind: .spcViolation, limit: .max))
        #expect(messages.count == events.count * 2 - events.filter(\.open).count, "\(messages.map { String(decoding: $0.data, as: UTF8.self) })")
        #expect(messages.map(\.sequence) == messages.map(\.sequence).sorted() && Set(messages.map(\.sequence)).count == messages.count)
        current.close()
    }

    /// g, t and Laney p' charts run live: their limits are those of the batch chart of phase I, and
    /// the episodes those of the same points fed in one go.
    @Test(arguments: [
        ["type": JSONValue.string("g"), "rules": .string("none")],
        ["type": .string("t"), "rules": .string("none"), "distribution": .string("weibull")],
        ["type": .string("laney-p"), "sample_size": .integer(100)],
    ])
    func rareEventAndLaneyChartsRunLive(extra: [String: JSONValue]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (phaseOne, phaseTwo) = Self.stream(400, seed: 7)
        let historian = try Historian(directory: directory.path)
        try Self.write(historian, phaseOne[...])
        let live = try LiveSPC(historian: historian)
        let revision = try live.create(try Self.definition(extra), author: "test", reason: "first", now: 0)
        let settings = try revision.definition.chartSettings()
        guard case .analysis(let batch) = try settings.request.analyze(settings.input(of: phaseOne.map { .init(start: $0.0, values: [$0.1]) }))
        else {
            Issue.record("not a Shewhart analysis")
            return
        }
        #expect(revision.limits.center == batch.processCenter)
        #expect(revision.limits.sigmaZ == batch.laneySigmaZ)
        if batch.type == .t {
            #expect(revision.limits.lower == batch.primary.lower[0] && revision.limits.upper == batch.primary.upper[0])
        }
        for start in stride(from: 0, to: phaseTwo.count, by: 37) { try Self.write(historian, phaseTwo[start..<min(phaseTwo.count, start + 37)]) }
        live.waitUntilEvaluated()
        live.waitUntilEvaluated()
        let points = phaseTwo.map { Subgrouping.Subgroup(start: $0.0, values: [$0.1]) }
        #expect(try Self.liveEpisodes(live) == Self.expectedEpisodes(revision, points: points))
        live.close()
    }

    /// Samples that arrive after their points were closed give a late_data event and a new
    /// evaluation: with its corrected events, the episodes reported and not withdrawn are those of
    /// every sample in time order, and later points extend them.
    @Test func lateSamplesAreEvaluatedAgainIntoCorrectedEpisodes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (phaseOne, phaseTwo) = Self.stream(400, seed: 11)
        let historian = try Historian(directory: directory.path)
        try Self.write(historian, phaseOne[...])
        let live = try LiveSPC(historian: historian)
        let revision = try live.create(try Self.definition(), author: "test", reason: "first", now: 0)
        // The shifted stretch 60..<90 is held back and written after later points closed.
        try Self.write(historian, phaseTwo[0..<60])
        try Self.write(historian, phaseTwo[90..<250])
        live.waitUntilEvaluated()
        live.waitUntilEvaluated()
        let beforeCorrection = try live.events(EventFilter(kind: .spcViolation, limit: .max)).count
        try Self.write(historian, phaseTwo[60..<90])
        live.waitUntilEvaluated()
        try Self.write(historian, phaseTwo[250...])
        live.waitUntilEvaluated()
        live.waitUntilEvaluated()
        let events = try live.events(EventFilter(limit: .max))
        #expect(events.filter { $0.kind == .lateData }.map(\.points) == [30])
        let corrections = events.filter { $0.kind == .corrected }
        #expect(!corrections.isEmpty && corrections.allSatisfy { ["opened", "withdrawn", "changed"].contains($0.correction ?? "") })
        #expect(try live.events(EventFilter(kind: .spcViolation, limit: .max)).count > beforeCorrection)
        let withdrawn = Set(corrections.filter { $0.correction == "withdrawn" }.compactMap(\.episode))
        let believed = Set(
            events.filter { $0.kind == .spcViolation && !withdrawn.contains($0.id) }.map {
                "\($0.panel ?? "")/\($0.rule ?? "") \($0.firstTime) \($0.lastTime) \($0.points) \($0.open ? "open" : "closed")"
            })
        let points = phaseTwo.map { Subgrouping.Subgroup(start: $0.0, values: [$0.1]) }
        #expect(believed == (try Self.expectedEpisodes(revision, points: points)))
        live.close()
    }

    @Test func subgroupsByCountAndByTimeCloseAsTheirSamplesArrive() throws {
        for extra: [String: JSONValue] in [
            ["type": .string("xbar-r"), "subgroup_size": .integer(4)],
            [
                "type": .string("xbar-s"), "subgroup_every": .string("30s"),
                "phase1": .object(["from": .integer(0), "to": .integer(120 * Self.second)]),
            ],
        ] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (phaseOne, phaseTwo) = Self.stream(500, seed: 11)
            let historian = try Historian(directory: directory.path)
            try Self.write(historian, phaseOne[...])
            let live = try LiveSPC(historian: historian)
            let definition = try Self.definition(extra)
            let revision = try live.create(definition, author: "test", reason: nil, now: 0)
            for start in stride(from: 0, to: phaseTwo.count, by: 7) { try Self.write(historian, phaseTwo[start..<min(phaseTwo.count, start + 7)]) }
            live.waitUntilEvaluated()
            live.waitUntilEvaluated()
            let settings = try definition.chartSettings()
            let start = ChartRuntime.phaseTwoStart(of: definition, subgrouping: settings.subgrouping)
            // Phase II starts at the end of phase I: the last phase I sample (120 s) belongs to it.
            let kept = (phaseOne + phaseTwo).filter { $0.0 >= start }
            var points = settings.subgrouping.subgroups(times: kept.map(\.0), values: kept.map(\.1), from: definition.phaseOneFrom)
            if case .every = settings.subgrouping { points.removeLast() } // the newest bucket is still open
            points.removeAll { $0.values.count < settings.minimumSubgroupSize }
            let liveSet = try Self.liveEpisodes(live)
            let expectedSet = try Self.expectedEpisodes(revision, points: points)
            #expect(
                liveSet == expectedSet,
                "\(extra): failure \(live.failure ?? "none"), live only \(liveSet.subtracting(expectedSet).sorted()), expected only \(expectedSet.subtracting(liveSet).sorted())"
            )
            live.close()
        }
    }

    @Test func lateSamplesAreReportedAndSamplesOfTheOpenSubgroupTaken() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (phaseOne, phaseTwo) = Self.stream(40, seed: 5)
        let historian = try Historian(directory: directory.path)
        try Self.write(historian, phaseOne[...])
        let live = try LiveSPC(historian: historian)
        _ = try live.create(try Self.definition(["type": .string("xbar-r"), "subgroup_size": .integer(5)]), author: "test", reason: nil, now: 0)
        try Self.write(historian, phaseTwo[0..<12])
        live.waitUntilEvaluated()
        // Points 0 and 1 are closed (10 samples); samples 10 and 11 are open.
        let late = Point(series: Self.key, timestamp: phaseTwo[3].0 + 1, value: .float(10))
        _ = try historian.write([late])
        live.waitUntilEvaluated()
        let reported = try live.events(EventFilter(kind: .lateData))
        #expect(reported.count == 1)
        #expect(reported.first?.firstTime == late.sample.timestamp && reported.first?.points == 1)
        live.close()
    }

    @Test func badDefinitionsAreRefusedNamingTheKeyAndNothingIsSaved() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let historian = try Historian(directory: directory.path)
        try Self.write(historian, Self.stream(0, seed: 1).phaseOne[...])
        let live = try LiveSPC(historian: historian)
        func refusal(_ extra: [String: JSONValue]) -> String? {
            do {
                _ = try live.create(try Self.definition(extra), author: "test", reason: nil, now: 0)
                return nil
            } catch let error as LiveError {
                if case .invalid(let key, _) = error { return key }
                return "\(error)"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(["type": .string("bogus")]) == "type")
        #expect(refusal(["colour": .string("red")]) == "colour")
        #expect(refusal(["series": .object(["measurement": .string("press"), "field": .string("nothing")])]) == "series")
        #expect(refusal(["phase1": .object(["from": .integer(500 * Self.second), "to": .integer(600 * Self.second)])]) == "phase1")
        #expect(refusal(["phase1": .object(["from": .integer(10), "to": .integer(5)])]) == "phase1.from")
        #expect(refusal(["severities": .object(["WE9": .string("alarm")])]) == "severities.WE9")
        #expect(refusal(["type": .string("xbar-r")]) == "subgroup_size")
        #expect(live.charts().isEmpty)
        _ = try live.create(try Self.definition(), author: "test", reason: nil, now: 0)
        #expect(throws: LiveError.self) { try live.create(try Self.definition(), author: "test", reason: nil, now: 0) }
        live.close()
    }
}

@Suite struct LiveEventJSONTests {
    /// The hand-written JSON is what `JSONEncoder` writes with sorted keys, and decodes back.
    @Test func handWrittenJSONEqualsTheEncoderAndDecodesBack() throws {
        let acknowledgement = Acknowledgement(by: "a \"quoted\" name", at: 17, cause: "tab\there", action: "line\nbreak", comment: "\u{1}ctl é")
        for event in [
            LiveEvent(
                id: "c1-r2-p3-individuals-WE1", episode: "c1-r2-p3-individuals-WE1", kind: .spcViolation, chart: 1, revision: 2, machine: "M/1",
                panel: "individuals", rule: "WE1", severity: .alarm, firstTime: -5, lastTime: 1_704_067_200_000_000_000, points: 3,
                values: [1.5, 0.1, 1e300, -2], open: true, acknowledged: acknowledgement, message: "WE1 on \\ the panel"),
            LiveEvent(
                id: "late", episode: nil, kind: .lateData, chart: 9, revision: 1, machine: nil, panel: nil, rule: nil, severity: nil, firstTime: 0,
                lastTime: 1, points: 1, values: [], open: false, acknowledged: nil, message: ""),
            LiveEvent(
                id: "c1-r2-g1-opened-x", episode: "c1-r2-g1-p3-individuals-WE2", kind: .corrected, chart: 1, revision: 2, machine: nil,
                panel: "individuals", rule: "WE2", severity: .warning, firstTime: 4, lastTime: 9, points: 2, values: [3], open: false,
                acknowledged: nil, message: "re-evaluated", correction: "opened"),
        ] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let reference = try JSONSerialization.jsonObject(with: encoder.encode(event)) as? NSDictionary
            let written = try JSONSerialization.jsonObject(with: Data(event.jsonText.utf8)) as? NSDictionary
            #expect(reference == written)
            #expect(try JSONDecoder().decode(LiveEvent.self, from: Data(event.jsonText.utf8)) == event)
        }
    }
}
