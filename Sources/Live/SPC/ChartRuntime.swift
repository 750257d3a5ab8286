import Historian
import Query
import SPC

/// One live chart while the daemon runs: its revision, monitor and open episodes, and the samples
/// of its open subgroup. Used only on the live queue.
struct ChartRuntime {
    let revision: ChartRevision
    let settings: ChartSettings
    let series: Series
    var checkpoint: ChartCheckpoint
    /// The open episodes' events, by `panel/rule`.
    var openEvents: [String: LiveEvent]
    /// Good samples after `checkpoint.closedThrough` (the open subgroup), in time order.
    var openTimes: [Int64] = []
    var openValues: [Double] = []
    /// The newest samples the last catch-up read (at most ``recentReadLimit``), by time: a batch
    /// is readable before its commit is delivered, so its samples may come again through
    /// ``take(_:into:)``; those are skipped, and any other sample is taken as new.
    var recentlyRead: [Int64: Double] = [:]
    static let recentReadLimit = 100_000
    /// Set when samples arrived after their points were closed: the step re-evaluates the chart
    /// (``reevaluate(historian:believed:into:)``) once its samples are taken.
    var needsReevaluation = false

    /// What one step changed: events to store, messages to send.
    struct Step {
        var events: [String: LiveEvent] = [:]
        var messages: [(kind: String, event: LiveEvent)] = []
    }

    init(revision: ChartRevision, settings: ChartSettings, series: Series, checkpoint: ChartCheckpoint, openEvents: [String: LiveEvent]) {
        self.revision = revision
        self.settings = settings
        self.series = series
        self.checkpoint = checkpoint
        self.openEvents = openEvents
    }

    var definition: ChartDefinition { revision.definition }

    /// Where phase II starts: the first sample after phase I, or the first time bucket that starts
    /// at or after its end (buckets are aligned to the start of phase I).
    static func phaseTwoStart(of definition: ChartDefinition, subgrouping: Subgrouping) -> Int64 {
        guard case .every(let width) = subgrouping else { return definition.phaseOneTo }
        let span = UInt64(bitPattern: definition.phaseOneTo &- definition.phaseOneFrom)
        let buckets = span / UInt64(width) + (span % UInt64(width) == 0 ? 0 : 1)
        return definition.phaseOneFrom &+ Int64(buckets) &* width
    }

    /// The first checkpoint of a new revision: a monitor with its limits, nothing evaluated.
    static func firstCheckpoint(of revision: ChartRevision, settings: ChartSettings) throws -> ChartCheckpoint {
        let start = phaseTwoStart(of: revision.definition, subgrouping: settings.subgrouping)
        return ChartCheckpoint(
            revision: revision.revision, monitor: try LiveMonitor(settings: settings, limits: revision.limits), closedThrough: start &- 1,
            points: 0, openEpisodes: [:])
    }

    /// A late_data event for `count` good samples between `first` and `last` that arrived after
    /// their points were closed.
    private mutating func late(count: Int, first: Int64, last: Int64, into step: inout Step) {
        let event = LiveEvent(
            id: "c\(revision.chart)-late-\(first)-\(last)-\(count)-\(checkpoint.closedThrough)", episode: nil, kind: .lateData,
            chart: revision.chart, revision: revision.revision, machine: series.key.tag("machine"), panel: nil, rule: nil, severity: nil,
            firstTime: first, lastTime: last, points: count, values: [], open: false, acknowledged: nil,
            message: "\(count) sample(s) of \(series.key) arrived after their points were evaluated; they are stored but not in the chart")
        step.events[event.id] = event
        step.messages.append((LiveEvent.Kind.lateData.rawValue, event))
    }

    /// Reads the good samples after the closed points from the historian (at start and for a new
    /// revision) and closes the points they complete. Samples committed meanwhile may reach
    /// ``take(_:into:)`` too; those read here are then skipped.
    /// - Throws: storage errors of the read; ``SPCError`` for a value the chart cannot take.
    mutating func catchUp(historian: Historian, into step: inout Step) throws {
        let from = checkpoint.closedThrough &+ 1
        guard from < .max else { return }
        var budget = PointsBudget(limit: .max)
        let (times, values) = try HistorianQuery(historian: historian).numericColumns(
            of: series, from: from, to: .max, qualities: [.good], budget: &budget)
        openTimes.removeAll()
        openValues.removeAll()
        for (time, value) in zip(times, values) where !definition.isExcluded(time) {
            openTimes.append(time)
            openValues.append(value)
        }
        recentlyRead.removeAll()
        for index in max(0, times.count - Self.recentReadLimit)..<times.count { recentlyRead[times[index]] = values[index] }
        try closePoints(into: &step)
    }

    /// Takes committed good samples in the order they became durable: a sample of a closed point is
    /// late (reported, not charted), the others join the open subgroup in time order (a sample at a
    /// time already held replaces it, as in the historian); then closes the points they complete.
    /// - Throws: ``SPCError`` for a value the chart cannot take.
    mutating func take(_ samples: [(time: Int64, value: Double)], into step: inout Step) throws {
        var late: (count: Int, first: Int64, last: Int64) = (0, .max, .min)
        for (time, value) in samples where !definition.isExcluded(time) {
            if let read = recentlyRead.removeValue(forKey: time), read == value || (read.isNaN && value.isNaN) { continue }
            guard time > checkpoint.closedThrough else {
                late = (late.count + 1, min(late.first, time), max(late.last, time))
                continue
            }
            if let last = openTimes.last, time <= last {
                // Binary search for the first held time at or after `time` (there is one: the last).
                var (low, high) = (0, openTimes.count - 1)
                while low < high {
                    let middle = (low + high) / 2
                    if openTimes[middle] < time { low = middle + 1 } else { high = middle }
                }
                let position = low
                if openTimes[position] == time {
                    openValues[position] = value
                } else {
                    openTimes.insert(time, at: position)
                    openValues.insert(value, at: position)
                }
            } else {
                openTimes.append(time)
                openValues.append(value)
            }
        }
        if late.count > 0 {
            self.late(count: late.count, first: late.first, last: late.last, into: &step)
            needsReevaluation = true
        }
        try closePoints(into: &step)
    }

    private mutating func closePoints(into step: inout Step) throws {
        let (points, consumed, closedThrough) = closedPoints()
        guard !points.isEmpty else { return }
        openTimes.removeFirst(consumed)
        openValues.removeFirst(consumed)
        // Episodes extended by these points: stored once at the end, not copied per point.
        var extended = Set<String>()
        for point in points where point.values.count >= settings.minimumSubgroupSize { try feed(point, into: &step, extended: &extended) }
        for key in extended { if let event = openEvents[key] { step.events[event.id] = event } }
        checkpoint.closedThrough = max(checkpoint.closedThrough, closedThrough)
    }

    /// The points the open samples complete, how many samples they take, and the time through
    /// which every sample is in a point.
    private func closedPoints() -> (points: [Subgrouping.Subgroup], consumed: Int, closedThrough: Int64) {
        switch settings.subgrouping {
        case .none:
            let points = zip(openTimes, openValues).map { Subgrouping.Subgroup(start: $0, values: [$1]) }
            return (points, points.count, openTimes.last ?? checkpoint.closedThrough)
        case .count(let size):
            let consumed = openTimes.count / size * size
            guard consumed > 0 else { return ([], 0, checkpoint.closedThrough) }
            let points = settings.subgrouping.subgroups(times: Array(openTimes[..<consumed]), values: Array(openValues[..<consumed]), from: 0)
            return (points, consumed, openTimes[consumed - 1])
        case .every(let width):
            guard let newest = openTimes.last else { return ([], 0, checkpoint.closedThrough) }
            let origin = definition.phaseOneFrom
            // Buckets close when a sample of a later bucket arrives: all but the newest's bucket.
            let newestStart = origin &+ Int64(UInt64(bitPattern: newest &- origin) / UInt64(width)) &* width
            let consumed = openTimes.firstIndex { $0 >= newestStart } ?? openTimes.count
            guard consumed > 0 else { return ([], 0, checkpoint.closedThrough) }
            let points = settings.subgrouping.subgroups(
                times: Array(openTimes[..<consumed]), values: Array(openValues[..<consumed]), from: origin)
            return (points, consumed, newestStart &- 1)
        }
    }

    /// Feeds one point and opens, extends or closes the episodes of the rules it fires; the keys of
    /// episodes it extends go to `extended` (their events are stored after the last point).
    private mutating func feed(_ point: Subgrouping.Subgroup, into step: inout Step, extended: inout Set<String>) throws {
        let index = checkpoint.points
        checkpoint.points += 1
        for panelPoint in try checkpoint.monitor.add(point, sampleSize: settings.sampleSize) {
            let firing = Set(panelPoint.firing.filter { definition.severity(of: $0) != .ignore })
            let prefix = panelPoint.panel + "/"
            for rule in firing.sorted() {
                let key = prefix + rule
                if let position = openEvents.index(forKey: key) {
                    // Through the index: one hash lookup and no copy of the event.
                    openEvents.values[position].lastTime = point.start
                    openEvents.values[position].points += 1
                    if openEvents.values[position].values.count < LiveEvent.valueLimit {
                        openEvents.values[position].values.append(panelPoint.statistic)
                    }
                    extended.insert(key)
                    continue
                }
                let generation = checkpoint.generation.map { "-g\($0)" } ?? ""
                let id = "c\(revision.chart)-r\(revision.revision)\(generation)-p\(index)-\(panelPoint.panel)-\(rule)"
                let event = LiveEvent(
                    id: id, episode: id, kind: .spcViolation, chart: revision.chart, revision: revision.revision,
                    machine: series.key.tag("machine"), panel: panelPoint.panel, rule: rule, severity: definition.severity(of: rule),
                    firstTime: point.start, lastTime: point.start, points: 1, values: [panelPoint.statistic], open: true, acknowledged: nil,
                    message:
                        "\(rule) on the \(panelPoint.panel.replacingOccurrences(of: "_", with: " ")) panel of chart '\(definition.name)' (\(series.key))"
                )
                openEvents[key] = event
                checkpoint.openEpisodes[key] = id
                step.events[id] = event
                step.messages.append((LiveEvent.Kind.spcViolation.rawValue, event))
            }
            for key in checkpoint.openEpisodes.keys where key.hasPrefix(prefix) && !firing.contains(String(key.dropFirst(prefix.count))) {
                guard var event = openEvents.removeValue(forKey: key) else { continue }
                event.open = false
                checkpoint.openEpisodes[key] = nil
                extended.remove(key)
                step.events[event.id] = event
                step.messages.append((LiveEvent.Kind.spcViolation.rawValue, event))
            }
        }
    }

    /// Evaluates the revision again from the start of phase II over every sample stored now (late
    /// ones included), as a restart from nothing would, and continues from that state. Events are
    /// never rewritten: `believed` (the episodes reported so far and not withdrawn) is compared with
    /// the episodes found, by panel, rule and first point, and each difference gets a `corrected`
    /// event: `opened` for an episode found anew (stored as a violation too), `withdrawn` for one no
    /// longer found (closed if it was open), `changed` for one whose end or count differs (an open
    /// one goes on under its event).
    /// - Throws: storage errors of the read; ``SPCError`` for a value the chart cannot take.
    mutating func reevaluate(historian: Historian, believed: [LiveEvent], into step: inout Step) throws {
        needsReevaluation = false
        let generation = (checkpoint.generation ?? 0) + 1
        var fresh = ChartRuntime(
            revision: revision, settings: settings, series: series, checkpoint: try Self.firstCheckpoint(of: revision, settings: settings),
            openEvents: [:])
        fresh.checkpoint.generation = generation
        var replay = Step()
        try fresh.catchUp(historian: historian, into: &replay)
        func signature(_ event: LiveEvent) -> String { "\(event.panel ?? "")/\(event.rule ?? "")@\(event.firstTime)" }
        let found = Dictionary(replay.events.values.filter { $0.kind == .spcViolation }.map { (signature($0), $0) }) { first, _ in first }
        let reported = Dictionary(believed.map { (signature($0), $0) }) { first, _ in first }
        func correction(_ kind: String, of event: LiveEvent, reported: LiveEvent?) {
            var corrected = event
            corrected.id = "c\(revision.chart)-r\(revision.revision)-g\(generation)-\(kind)-\(signature(event))"
            corrected.kind = .corrected
            corrected.episode = reported?.id ?? event.id
            corrected.acknowledged = nil
            corrected.correction = kind
            corrected.message = "late samples of \(series.key) re-evaluated: episode \(kind) (\(event.rule ?? "") on the \(event.panel ?? "") panel)"
            step.events[corrected.id] = corrected
            step.messages.append((LiveEvent.Kind.corrected.rawValue, corrected))
        }
        for (key, old) in reported.sorted(by: { $0.key < $1.key }) where found[key] == nil {
            if old.open {
                var closed = old
                closed.open = false
                step.events[closed.id] = closed
            }
            correction("withdrawn", of: old, reported: old)
        }
        var openEvents: [String: LiveEvent] = [:]
        var openEpisodes: [String: String] = [:]
        for (key, new) in found.sorted(by: { $0.key < $1.key }) {
            var kept = new
            if let old = reported[key] {
                if old.lastTime != new.lastTime || old.points != new.points || old.open != new.open {
                    correction("changed", of: new, reported: old)
                }
                // The episode goes on under its reported event: an open one takes the figures found.
                kept = old
                if old.open {
                    kept.lastTime = new.lastTime
                    kept.points = new.points
                    kept.values = new.values
                    kept.open = new.open
                    step.events[kept.id] = kept
                }
            } else {
                step.events[new.id] = new
                step.messages.append((LiveEvent.Kind.spcViolation.rawValue, new))
                correction("opened", of: new, reported: nil)
            }
            if kept.open, let panel = kept.panel, let rule = kept.rule {
                openEvents[panel + "/" + rule] = kept
                openEpisodes[panel + "/" + rule] = kept.id
            }
        }
        fresh.checkpoint.openEpisodes = openEpisodes
        checkpoint = fresh.checkpoint
        self.openEvents = openEvents
        openTimes = fresh.openTimes
        openValues = fresh.openValues
        recentlyRead = fresh.recentlyRead
    }

    /// Closes every open episode (the chart gets a new revision or is deleted).
    mutating func closeEpisodes(into step: inout Step) {
        for (key, var event) in openEvents.sorted(by: { $0.key < $1.key }) {
            event.open = false
            step.events[event.id] = event
            step.messages.append((LiveEvent.Kind.spcViolation.rawValue, event))
            checkpoint.openEpisodes[key] = nil
        }
        openEvents.removeAll()
    }
}
