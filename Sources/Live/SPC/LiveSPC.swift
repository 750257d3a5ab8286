import Dispatch
import Foundation
import Historian
import SPC
import Synchronization

/// Live control charts: definitions with revisions, evaluated as samples become durable, violations
/// reported as episodes (events) that people acknowledge, all kept in `live.sqlite` in the data
/// directory so that a restart, kill -9 included, neither loses nor repeats an event.
///
/// The commit hook of the historian only notes which charts got samples; a serial queue then reads
/// each chart's new samples (good quality only), closes the points they complete, feeds them to
/// the chart's monitor and commits the chart's checkpoint with the events of the step in one
/// transaction. Live results equal the batch chart of the same samples with the frozen limits.
public final class LiveSPC: Sendable {
    private let historian: Historian
    private let store: LiveStore
    private let feed = EventFeed()
    private let queue = DispatchQueue(label: "histd.live.spc")
    /// The charts, used only on ``queue``.
    private nonisolated(unsafe) var runtimes: [Int64: ChartRuntime] = [:]
    /// Charts whose series no longer resolve (a selector that stopped matching), with why; on ``queue``.
    private nonisolated(unsafe) var inactive: [Int64: String] = [:]
    /// The charts watching each series, for the commit hook.
    private let watches = Mutex<[SeriesID: [Int64]]>([:])
    /// Charts touched by committed batches and not yet stepped.
    private let pending = Mutex<[Int64: ChartTouch]>([:])
    private let stepScheduled = Atomic<Bool>(false)
    private let observer = Mutex<Int?>(nil)
    /// The last failure of an evaluation step, for health reports.
    private let lastFailure = Mutex<String?>(nil)
    /// Posts the charts' messages to their webhooks; set once the charts are loaded.
    private let webhooks = Mutex<WebhookSender?>(nil)
    /// Every revision of every chart as stored, by chart, oldest first: read once at start (decoding
    /// them per request cost 0.1 s each with 100 charts), kept in step with the store.
    private let history = Mutex<[Int64: [ChartRevision]]>([:])

    /// Opens the live store of `historian`'s data directory, loads the charts and starts
    /// evaluating: first whatever arrived since each chart's checkpoint, then each committed batch.
    /// - Throws: ``LiveError/storage(_:)`` when the store cannot be opened or read.
    public init(historian: Historian) throws(LiveError) {
        self.historian = historian
        store = try LiveStore(path: historian.directory + "/live.sqlite")
        let revisions = try store.revisions()
        history.withLock { history in
            for revision in revisions { history[revision.chart, default: []].append(revision) }
        }
        let checkpoints = try store.checkpoints()
        var latest: [Int64: ChartRevision] = [:]
        for revision in revisions { latest[revision.chart] = revision }
        queue.sync {
            for (chart, revision) in latest.sorted(by: { $0.key < $1.key }) where !revision.deleted {
                do {
                    try install(revision, checkpoint: checkpoints[chart])
                } catch {
                    inactive[chart] = "\(error)"
                }
            }
        }
        let sender = WebhookSender(store: store) { [weak self] in self?.webhookTargets() ?? [:] }
        webhooks.withLock { $0 = sender }
        queue.async { [self] in
            steps(Dictionary(uniqueKeysWithValues: runtimes.keys.map { ($0, ChartTouch(catchUp: true)) }))
        }
    }

    /// Registers on the historian's commit hook, once: only while charts exist, so that a daemon
    /// without charts pays nothing per batch.
    private func observeCommits() {
        observer.withLock { observer in
            guard observer == nil else { return }
            observer = historian.addCommitObserver { [weak self] batch in self?.committed(batch) }
        }
    }

    /// Ends every event stream (the daemon begins to stop; streams would hold its HTTP server open).
    public func endStreams() {
        feed.finishAll()
    }

    /// Stops evaluating (the daemon is stopping): no more steps after the running one; stream clients end.
    public func close() {
        if let id = observer.withLock({ $0.take() }) { historian.removeCommitObserver(id) }
        webhooks.withLock { $0.take() }?.stop()
        queue.sync {}
        feed.finishAll()
    }

    // MARK: definitions

    /// Saves a new chart: resolves its series (exactly one), computes its limits from phase I and
    /// starts evaluating phase II. Returns revision 1.
    /// - Throws: ``LiveError/invalid(key:message:)`` naming the key at fault (nothing is saved);
    ///   ``LiveError/conflict(_:)`` for a name in use.
    public func create(_ definition: ChartDefinition, author: String, reason: String?, now: Int64) throws(LiveError) -> ChartRevision {
        try onQueue { () throws(LiveError) -> ChartRevision in
            let chart = (history.withLock { $0.keys.max() } ?? 0) + 1
            let revision = try makeRevision(chart: chart, number: 1, definition, author: author, reason: reason, now: now)
            try checkName(definition.name, except: nil)
            try commitRevision(revision, replacing: nil)
            return revision
        }
    }

    /// Saves a new revision of chart `id` with new limits from its phase I; the open episodes of
    /// the previous revision close, and phase II is evaluated against the new limits from the
    /// latest closed point on.
    /// - Throws: as ``create(_:author:reason:now:)``; ``LiveError/notFound(_:)`` for an unknown chart.
    public func update(_ id: Int64, _ definition: ChartDefinition, author: String, reason: String?, now: Int64) throws(LiveError) -> ChartRevision {
        try onQueue { () throws(LiveError) -> ChartRevision in
            let previous = try latestRevision(id)
            let revision = try makeRevision(chart: id, number: previous.revision + 1, definition, author: author, reason: reason, now: now)
            try checkName(definition.name, except: id)
            try commitRevision(revision, replacing: previous)
            return revision
        }
    }

    /// Deletes chart `id`: evaluation stops, its open episodes close; its revisions and events stay readable.
    /// - Throws: ``LiveError/notFound(_:)``.
    public func delete(_ id: Int64, author: String, reason: String?, now: Int64) throws(LiveError) {
        try onQueue { () throws(LiveError) in
            let previous = try latestRevision(id)
            var step = ChartRuntime.Step()
            if var runtime = runtimes[id] {
                runtime.closeEpisodes(into: &step)
                feed.publish(
                    try store.commit([
                        LiveStore.Step(chart: id, checkpoint: runtime.checkpoint, events: Array(step.events.values), messages: step.messages)
                    ]))
            }
            var deleted = previous
            deleted.revision += 1
            deleted.author = author
            deleted.at = now
            deleted.reason = reason
            deleted.deleted = true
            try store.add(deleted, checkpoint: nil)
            history.withLock { $0[id, default: []].append(deleted) }
            uninstall(id)
            inactive[id] = nil
        }
    }

    /// The latest revision of every chart (deleted ones included), by id.
    public func charts() -> [ChartRevision] {
        history.withLock { history in history.keys.sorted().compactMap { history[$0]?.last } }
    }

    /// Every revision of every chart stored in data directory `directory`, by chart, oldest first,
    /// read without opening the historian (a running daemon holds it): what `histd spc charts` lists.
    /// Empty when the directory has no live store.
    /// - Throws: ``LiveError/storage(_:)`` when the store cannot be read.
    public static func storedRevisions(directory: String) throws(LiveError) -> [Int64: [ChartRevision]] {
        let path = directory + "/live.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        var history: [Int64: [ChartRevision]] = [:]
        for revision in try LiveStore(path: path).revisions() { history[revision.chart, default: []].append(revision) }
        return history
    }

    /// Every revision of chart `id`, oldest first.
    /// - Throws: ``LiveError/notFound(_:)``.
    public func revisions(of id: Int64) throws(LiveError) -> [ChartRevision] {
        let found = history.withLock { $0[id] ?? [] }
        guard !found.isEmpty else { throw .notFound("no chart with id \(id)") }
        return found
    }

    /// The webhook of every chart that has one (latest revision, not deleted).
    private func webhookTargets() -> [Int64: String] {
        var targets: [Int64: String] = [:]
        for revision in charts() where !revision.deleted {
            if let webhook = revision.definition.webhook { targets[revision.chart] = webhook }
        }
        return targets
    }

    /// Where the webhook delivery of chart `id` stands, nil when it has no webhook:
    /// `{"url", "delivered_through", "pending", "attempts", "last_error", "last_attempt"}`.
    public func webhookState(of id: Int64) -> JSONValue? {
        guard let url = history.withLock({ $0[id]?.last })?.definition.webhook,
            let cursor = try? store.webhookCursor(chart: id), let pending = try? store.messageCount(chart: id, after: cursor.delivered)
        else { return nil }
        return .object([
            "url": .string(url), "delivered_through": .integer(cursor.delivered), "pending": .integer(Int64(pending)),
            "attempts": .integer(Int64(cursor.attempts)), "last_error": cursor.lastError.map { .string($0) } ?? .null,
            "last_attempt": cursor.lastAttempt.map { .integer($0) } ?? .null,
        ])
    }

    /// Why chart `id` is not evaluated (its series no longer resolves), or nil.
    public func problem(of id: Int64) -> String? {
        queue.sync { inactive[id] }
    }

    /// The last evaluation failure, or nil.
    public var failure: String? { lastFailure.withLock { $0 } }

    // MARK: events

    /// The events `filter` accepts, newest first.
    public func events(_ filter: EventFilter) throws(LiveError) -> [LiveEvent] {
        try store.events(filter)
    }

    /// Acknowledges event `id` with an assignable cause and a corrective action (from the chart's
    /// lists when it keeps any).
    /// - Throws: ``LiveError/notFound(_:)``, ``LiveError/conflict(_:)`` when acknowledged already,
    ///   ``LiveError/invalid(key:message:)`` for a cause or action not in the chart's list.
    public func acknowledge(_ id: String, by: String, cause: String, action: String, comment: String, now: Int64) throws(LiveError) -> LiveEvent {
        guard let event = try store.event(id) else { throw .notFound("no event with id '\(id)'") }
        if let definition = try? latestRevision(event.chart).definition {
            if !definition.causes.isEmpty, !definition.causes.contains(cause) {
                throw .invalid(
                    key: "cause", message: "cause '\(cause)' is not one of the chart's causes: \(definition.causes.joined(separator: ", "))")
            }
            if !definition.actions.isEmpty, !definition.actions.contains(action) {
                throw .invalid(
                    key: "action", message: "action '\(action)' is not one of the chart's actions: \(definition.actions.joined(separator: ", "))")
            }
        }
        return try store.acknowledge(id, Acknowledgement(by: by, at: now, cause: cause, action: action, comment: comment))
    }

    /// The stream messages after `sequence` (0: from the first), in order.
    public func messages(after sequence: Int64) throws(LiveError) -> [EventMessage] {
        try store.messages(after: sequence)
    }

    /// Messages as they are committed, from now on, those of one commit together; end the
    /// subscription with ``unsubscribe(_:)``.
    public func subscribe() -> (id: Int, messages: AsyncStream<[EventMessage]>) {
        feed.subscribe()
    }

    public func unsubscribe(_ id: Int) {
        feed.unsubscribe(id)
    }

    /// Returns once every batch committed before the call has been evaluated (tests, benchmarks).
    public func waitUntilEvaluated() {
        queue.sync {}
    }

    // MARK: evaluation

    private func committed(_ batch: CommittedBatch) {
        let watched = watches.withLock { $0 }
        guard !watched.isEmpty else { return }
        var touched: [Int64: ChartTouch] = [:]
        for index in 0..<batch.count {
            guard let charts = watched[batch.series(at: index)], batch.quality(at: index) == .good, let value = batch.number(at: index) else {
                continue
            }
            for chart in charts { touched[chart, default: ChartTouch()].samples.append((batch.timestamp(at: index), value)) }
        }
        guard !touched.isEmpty else { return }
        pending.withLock { pending in
            for (chart, touch) in touched { pending[chart, default: ChartTouch()].merge(touch) }
        }
        if !stepScheduled.exchange(true, ordering: .acquiringAndReleasing) {
            queue.async { [self] in
                // An exchange: it reads the flag of every hook that relied on this step, so their
                // pending touches are seen below.
                _ = stepScheduled.exchange(false, ordering: .acquiringAndReleasing)
                let work = pending.withLock { pending in
                    defer { pending.removeAll() }
                    return pending
                }
                steps(work)
            }
        }
    }

    /// One evaluation step of each chart of `work`, on the queue: late data reported, new points
    /// fed; every chart's checkpoint, events and messages committed in one transaction, then the
    /// messages sent. When the commit fails, nothing changes and the samples wait for the next step.
    private func steps(_ work: [Int64: ChartTouch]) {
        var changed: [Int64: ChartRuntime] = [:]
        var stored: [LiveStore.Step] = []
        for (chart, touch) in work.sorted(by: { $0.key < $1.key }) {
            guard var runtime = runtimes[chart] else { continue }
            var step = ChartRuntime.Step()
            do {
                if touch.catchUp { try runtime.catchUp(historian: historian, into: &step) }
                try runtime.take(touch.samples, into: &step)
                if runtime.needsReevaluation { try runtime.reevaluate(historian: historian, believed: believed(runtime, step), into: &step) }
            } catch {
                lastFailure.withLock { $0 = "chart \(chart): \(error)" }
                continue
            }
            changed[chart] = runtime
            stored.append(LiveStore.Step(chart: chart, checkpoint: runtime.checkpoint, events: Array(step.events.values), messages: step.messages))
        }
        guard !stored.isEmpty else { return }
        do {
            let messages = try store.commit(stored)
            for (chart, runtime) in changed { runtimes[chart] = runtime }
            feed.publish(messages)
        } catch {
            lastFailure.withLock { $0 = "\(error)" }
            pending.withLock { pending in
                for (chart, touch) in work {
                    var retried = touch
                    retried.merge(pending[chart] ?? ChartTouch())
                    pending[chart] = retried
                }
            }
        }
    }

    // MARK: helpers (on the queue)

    /// The episodes of the runtime's revision reported so far and not withdrawn by a correction:
    /// those stored, with the figures of `step` (not stored yet) where it changed them.
    private func believed(_ runtime: ChartRuntime, _ step: ChartRuntime.Step) throws -> [LiveEvent] {
        let chart = runtime.revision.chart
        var events: [String: LiveEvent] = [:]
        for event in try store.events(EventFilter(chart: chart, limit: .max)) where event.revision == runtime.revision.revision {
            events[event.id] = event
        }
        for event in step.events.values where event.chart == chart { events[event.id] = event }
        let withdrawn = Set(events.values.filter { $0.kind == .corrected && $0.correction == "withdrawn" }.compactMap(\.episode))
        return events.values.filter { $0.kind == .spcViolation && !withdrawn.contains($0.id) }
    }

    private func onQueue<Result>(_ body: () throws(LiveError) -> Result) throws(LiveError) -> Result {
        let outcome = queue.sync { Swift.Result { () throws(LiveError) -> Result in try body() } }
        return try outcome.get()
    }

    private func latestRevision(_ id: Int64) throws(LiveError) -> ChartRevision {
        guard let revision = history.withLock({ $0[id]?.last }), !revision.deleted else {
            throw .notFound("no chart with id \(id)")
        }
        return revision
    }

    private func checkName(_ name: String, except id: Int64?) throws(LiveError) {
        for revision in charts() where !revision.deleted && revision.definition.name == name && revision.chart != id {
            throw .conflict("a chart named '\(name)' exists already (id \(revision.chart))")
        }
    }

    private func makeRevision(
        chart: Int64, number: Int, _ definition: ChartDefinition, author: String, reason: String?, now: Int64
    ) throws(LiveError) -> ChartRevision {
        let settings = try definition.chartSettings()
        let series = try definition.series.resolve(in: historian)
        guard series.kind != .string else { throw .invalid(key: "series", message: "series \(series.key) holds strings; a chart needs numbers") }
        let limits: FrozenLimits
        do {
            limits = try FrozenLimits.compute(definition, settings: settings, series: series, historian: historian)
        } catch let error as LiveError {
            throw error
        } catch {
            throw .invalid(key: "phase1", message: "phase1 cannot be read: \(error)")
        }
        let revision = ChartRevision(
            chart: chart, revision: number, definition: definition, limits: limits, author: author, at: now, reason: reason, deleted: false)
        do {
            _ = try LiveMonitor(settings: settings, limits: limits)
        } catch {
            throw .invalid(key: "phase1", message: "the limits of phase1 cannot judge phase II: \(error)")
        }
        return revision
    }

    /// Stores `revision` with a fresh checkpoint, closing the episodes of `replacing`, and starts it.
    private func commitRevision(_ revision: ChartRevision, replacing previous: ChartRevision?) throws(LiveError) {
        let settings = try revision.definition.chartSettings()
        var checkpoint: ChartCheckpoint
        do {
            checkpoint = try ChartRuntime.firstCheckpoint(of: revision, settings: settings)
        } catch {
            throw .invalid(key: "phase1", message: "the limits of phase1 cannot judge phase II: \(error)")
        }
        if let previous, var runtime = runtimes[previous.chart] {
            var step = ChartRuntime.Step()
            runtime.closeEpisodes(into: &step)
            // The new limits judge the points after the last one the old ones judged.
            checkpoint.closedThrough = max(checkpoint.closedThrough, runtime.checkpoint.closedThrough)
            feed.publish(
                try store.commit([
                    LiveStore.Step(chart: previous.chart, checkpoint: runtime.checkpoint, events: Array(step.events.values), messages: step.messages)
                ]))
        }
        try store.add(revision, checkpoint: checkpoint)
        history.withLock { $0[revision.chart, default: []].append(revision) }
        uninstall(revision.chart)
        inactive[revision.chart] = nil
        do {
            try install(revision, checkpoint: checkpoint)
        } catch {
            inactive[revision.chart] = "\(error)"
        }
        let chart = revision.chart
        queue.async { [self] in steps([chart: ChartTouch(catchUp: true)]) }
    }

    /// Starts evaluating `revision` from `checkpoint` (a fresh one when nil or of another revision).
    private func install(_ revision: ChartRevision, checkpoint stored: ChartCheckpoint?) throws {
        let settings = try revision.definition.chartSettings()
        let series = try revision.definition.series.resolve(in: historian)
        let checkpoint =
            if let stored, stored.revision == revision.revision { stored } else { try ChartRuntime.firstCheckpoint(of: revision, settings: settings) }
        var openEvents: [String: LiveEvent] = [:]
        for (key, id) in checkpoint.openEpisodes {
            if let event = try store.event(id) { openEvents[key] = event }
        }
        let runtime = ChartRuntime(revision: revision, settings: settings, series: series, checkpoint: checkpoint, openEvents: openEvents)
        runtimes[revision.chart] = runtime
        observeCommits()
        watches.withLock { $0[series.id, default: []].append(revision.chart) }
    }

    private func uninstall(_ chart: Int64) {
        runtimes[chart] = nil
        watches.withLock { watches in
            for (series, list) in watches {
                let kept = list.filter { $0 != chart }
                watches[series] = kept.isEmpty ? nil : kept
            }
        }
    }
}
