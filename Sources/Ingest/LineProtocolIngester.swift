import Dispatch
import Historian
import Synchronization
import Time

/// Streams line protocol into a ``Historian``: parses, resolves series through a cache, registers
/// new series in one catalog transaction per batch, and writes batches of samples.
///
/// Batches are logged and applied on a background queue, one at a time, while parsing goes on;
/// the WAL is made durable once, at ``finish(onReject:)``: samples are durable once it returns.
///
/// Bad lines (syntax, a value whose kind conflicts with its series) are reported through the
/// callback with their line number and skipped; every other line is stored.
///
/// With a ``PlausibleTimeWindow``, a line whose timestamp lies outside it is rejected with the
/// precision that would put it inside ("looks like seconds: use precision=s").
///
/// `tags` are added to every line's series (replacing a line's own tag of the same key): the daemon
/// stores the InfluxDB database name this way.
public final class LineProtocolIngester {
    private let historian: Historian
    private var parser: LineProtocolParser
    private let batchSize: Int
    private let precision: TimestampPrecision
    private var defaultTimestamp: Int64
    private let plausibleTimes: PlausibleTimeWindow?
    /// The window's bounds at the start of the current input (its `now` is the default timestamp).
    private var plausibleRange: ClosedRange<Int64>?
    private let extraTags: [SeriesKey.Tag]
    private var cache = SeriesCache()
    /// Series known to the cache, by slot: the catalog series, or a key waiting for registration.
    /// The key is kept only until the series is registered (and for series the limit refused): the
    /// catalog holds it, and a million series would otherwise keep every key twice.
    private var slots: [(id: SeriesID?, key: SeriesKey?, kind: ValueKind)] = []
    /// The slots of keys waiting for registration, so that two spellings of one new series share one.
    private var slotsByKey: [SeriesKey: Int] = [:]
    private var unregistered: [Int] = []
    /// Slots whose series the series limit refused: their samples are reported, never written.
    private var refusedSlots = Set<Int>()
    private var pending: [(slot: Int, timestamp: Int64, bits: UInt64, line: Int)] = []
    /// Texts of the string values in `pending`, whose bits get the text's code at write time.
    private var pendingTexts: [(position: Int, text: String)] = []
    private let writer = DispatchQueue(label: "histd.ingest.writer")
    private let inFlight = DispatchGroup()
    private let writeFailure = WriteFailure()
    /// The WAL position of the last batch written and not yet made durable.
    private let loggedThrough = LoggedPosition()

    /// Values stored so far.
    public private(set) var valuesWritten = 0
    /// Lines stored (fully or partly).
    public private(set) var linesAccepted = 0
    /// Lines or fields rejected.
    public private(set) var rejections = 0
    /// Lines read, including blank and comment lines.
    public var linesRead: Int { parser.linesRead }

    /// - Parameters:
    ///   - precision: the unit of the input's timestamps.
    ///   - defaultTimestamp: nanoseconds used for lines without a timestamp.
    ///   - batchSize: samples per write (one WAL record and one durability wait each).
    ///   - tags: tags added to the series of every line.
    ///   - plausibleTimes: the window written timestamps must lie in (its `now` is `defaultTimestamp`); nil accepts any time.
    public init(
        historian: Historian, precision: TimestampPrecision = .nanoseconds, defaultTimestamp: Int64, batchSize: Int = 65_536,
        tags: [SeriesKey.Tag] = [], plausibleTimes: PlausibleTimeWindow? = nil
    ) {
        self.historian = historian
        extraTags = tags
        parser = LineProtocolParser(precision: precision)
        self.precision = precision
        self.defaultTimestamp = defaultTimestamp
        self.plausibleTimes = plausibleTimes
        plausibleRange = plausibleTimes.map { $0.earliest...max($0.earliest, $0.latest(now: defaultTimestamp)) }
        self.batchSize = max(1, batchSize)
    }

    /// Parses and stores the complete lines of `bytes`.
    /// - Returns: the bytes consumed; pass the rest again with more input (see ``LineProtocolParser``).
    /// - Throws: ``HistorianError`` when storing fails; bad lines go to `onReject` instead.
    public func ingest(_ bytes: UnsafeRawBufferPointer, isFinal: Bool, onReject: (RejectedLine) -> Void) throws(HistorianError) -> Int {
        try parser.parse(bytes, isFinal: isFinal) { (line) throws(HistorianError) in
            try self.store(line, onReject: onReject)
        } onError: { (error) throws(HistorianError) in
            self.rejections += 1
            onReject(RejectedLine(line: error.line, column: error.column, reason: error.reason.message))
        }
    }

    /// Writes what is still buffered and waits until every batch is durable. Call at the end of the input.
    /// `onReject` gets the fields that turn out to conflict with a series another writer registered
    /// at the same time with another value kind.
    public func finish(onReject: (RejectedLine) -> Void) throws(HistorianError) {
        try writePending(onReject: onReject)
        try waitForWriter()
        if let position = loggedThrough.take() { try historian.waitUntilDurable(position) }
    }

    /// Prepares for another independent input after ``finish(onReject:)`` (the daemon's next request):
    /// line numbers and counters start again, the series already resolved stay cached.
    public func restart(defaultTimestamp: Int64) {
        _ = loggedThrough.take()
        parser = LineProtocolParser(precision: precision)
        self.defaultTimestamp = defaultTimestamp
        plausibleRange = plausibleTimes.map { $0.earliest...max($0.earliest, $0.latest(now: defaultTimestamp)) }
        valuesWritten = 0
        linesAccepted = 0
        rejections = 0
        pending.removeAll(keepingCapacity: true)
        pendingTexts.removeAll(keepingCapacity: true)
    }

    /// Waits for the batch being written, and rethrows its failure.
    private func waitForWriter() throws(HistorianError) {
        inFlight.wait()
        if let failure = writeFailure.take() { throw failure }
    }

    private func store(_ line: LineProtocolLine, onReject: (RejectedLine) -> Void) throws(HistorianError) {
        let timestamp = line.timestamp ?? defaultTimestamp
        guard timestamp != .max else {
            rejections += 1
            onReject(RejectedLine(line: line.lineNumber, column: nil, reason: Historian.reservedTimestampReason))
            return
        }
        if let plausibleRange, !plausibleRange.contains(timestamp) {
            rejections += 1
            onReject(RejectedLine(line: line.lineNumber, column: nil, reason: implausibleTimeReason(timestamp)))
            return
        }
        var stored = false
        let prefix = cache.prefix(line.bytes, line.seriesBytes)
        for (position, field) in line.fields.enumerated() {
            let kind: ValueKind
            let bits: UInt64
            switch field.value {
            case .float(let value): kind = .float; bits = value.bitPattern
            case .integer(let value): kind = .integer; bits = UInt64(bitPattern: value)
            case .unsigned(let value): kind = .unsigned; bits = value
            case .boolean(let value): kind = .boolean; bits = value ? 1 : 0
            case .string: kind = .string; bits = 0
            }
            let slot: Int
            if let known = cache.slot(prefix: prefix, field: field.key, in: line.bytes, hint: position) {
                slot = known
            } else {
                switch resolve(line, field: field, kind: kind) {
                case .success(let resolved):
                    slot = resolved
                    cache.insert(prefix: prefix, field: field.key, in: line.bytes, slot: slot)
                case .failure(let invalid):
                    rejections += 1
                    onReject(RejectedLine(line: line.lineNumber, column: invalid.offset + 1 - lineStart(line), reason: invalid.reason))
                    continue
                }
            }
            guard slots[slot].kind == kind else {
                rejections += 1
                onReject(
                    RejectedLine(
                        line: line.lineNumber, column: field.key.lowerBound + 1 - lineStart(line),
                        reason: fieldTypeConflict(slot: slot, written: kind)))
                continue
            }
            if case .string(let range) = field.value { pendingTexts.append((pending.count, line.string(range))) }
            pending.append((slot, timestamp, bits, line.lineNumber))
            stored = true
        }
        if stored { linesAccepted += 1 }
        if pending.count >= batchSize { try writePending(onReject: onReject) }
    }

    /// Why `timestamp` (nanoseconds, outside the plausible window) is refused, with the precision that fits.
    private func implausibleTimeReason(_ timestamp: Int64) -> String {
        let window = plausibleTimes ?? PlausibleTimeWindow()
        let written = timestamp / precision.nanosecondsPerUnit
        let writtenUnit = PlausibleTimeWindow.units.first { $0.suffix == precision.rawValue } ?? PlausibleTimeWindow.units[3]
        let hint =
            window.likelyUnit(of: written, writtenIn: writtenUnit, now: defaultTimestamp).map { "looks like \($0.name): use precision=\($0.suffix)" }
            ?? "check the timestamp and the request's precision (ns, us, ms, s)"
        return "timestamp \(written) read with precision=\(precision.rawValue) is \(RFC3339.format(timestamp)), "
            + "outside the plausible window \(window.describe(now: defaultTimestamp)): \(hint)"
    }

    /// The byte offset where the line starts, for columns (the measurement starts the line after blanks).
    private func lineStart(_ line: LineProtocolLine) -> Int {
        var start = line.measurement.lowerBound
        while start > 0, line.bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    /// The longest series key, measurement, tags and field key together, in bytes as written
    /// (InfluxDB's limit).
    public static let maximumSeriesKeyBytes = 65_535

    /// A name that cannot become part of a series key, and where it starts in the buffer.
    struct InvalidName: Error {
        let offset: Int
        let reason: String
    }

    /// The slot of the line's series for `field`, registering its key on first sight.
    /// - Throws: ``InvalidName`` for a key longer than ``maximumSeriesKeyBytes``, a name that is not
    ///   UTF-8, a control character (below U+0020, U+007F) in the measurement, a tag key or the field key,
    ///   or a new series whose field has another type in its measurement (InfluxDB's field type conflict).
    private func resolve(_ line: LineProtocolLine, field: LineProtocolField, kind: ValueKind) -> Result<Int, InvalidName> {
        let length = line.seriesBytes.count + 1 + field.key.count
        guard length <= Self.maximumSeriesKeyBytes else {
            return .failure(
                InvalidName(
                    offset: line.seriesBytes.lowerBound,
                    reason: "series key of \(length) bytes is longer than the limit of \(Self.maximumSeriesKeyBytes)"))
        }
        func checked(_ range: Range<Int>, _ what: String, controlsAllowed: Bool = false) -> Result<String, InvalidName> {
            guard let name = line.validName(range) else {
                return .failure(InvalidName(offset: range.lowerBound, reason: "\(what) is not valid UTF-8"))
            }
            if !controlsAllowed, let control = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return .failure(
                    InvalidName(
                        offset: range.lowerBound, reason: "\(what) holds the control character 0x\(String(control.value, radix: 16, uppercase: true))"
                    ))
            }
            return .success(name)
        }
        let key: SeriesKey
        do {
            let measurement = try checked(line.measurement, "measurement").get()
            var tags: [SeriesKey.Tag] = []
            tags.reserveCapacity(line.tags.count + extraTags.count)
            for tag in line.tags {
                tags.append(
                    SeriesKey.Tag(key: try checked(tag.key, "tag key").get(), value: try checked(tag.value, "tag value", controlsAllowed: true).get())
                )
            }
            key = SeriesKey(measurement: measurement, tags: tags + extraTags, field: try checked(field.key, "field key").get())
        } catch {
            return .failure(error)
        }
        if let existing = slotsByKey[key] { return .success(existing) }
        if let registered = historian.series(for: key) {
            slots.append((registered.id, nil, registered.kind))
            return .success(slots.count - 1)
        }
        if let conflict = historian.fieldTypeConflict(key, kind: kind) {
            return .failure(InvalidName(offset: field.key.lowerBound, reason: conflict.description))
        }
        slotsByKey[key] = slots.count
        slots.append((nil, key, kind))
        unregistered.append(slots.count - 1)
        return .success(slots.count - 1)
    }

    /// InfluxDB's message for a value of kind `written` in the series of `slot`, which holds `existing`
    /// (default: the slot's kind) values.
    private func fieldTypeConflict(slot: Int, written: ValueKind, existing: ValueKind? = nil) -> String {
        let key = slots[slot].key ?? slots[slot].id.flatMap { historian.series($0)?.key }
        let conflict = CatalogError.fieldTypeConflict(
            measurement: key?.measurement ?? "?", field: key?.field ?? "?", existing: existing ?? slots[slot].kind, written: written)
        return conflict.description
    }

    /// The series of `slot` for messages.
    private func name(of slot: Int) -> String {
        if let key = slots[slot].key { return key.description }
        return slots[slot].id.flatMap { historian.series($0)?.key.description } ?? "?"
    }

    private func writePending(onReject: (RejectedLine) -> Void) throws(HistorianError) {
        // Kinds that another writer registered first, for the slots whose values were checked against ours.
        var registeredKinds: [Int: ValueKind] = [:]
        if !unregistered.isEmpty {
            let waiting = unregistered.compactMap { slot in slots[slot].key.map { (slot: slot, key: $0) } }
            let series = try historian.registerWithinLimit(waiting.map { ($0.key, slots[$0.slot].kind) })
            for ((slot, _), registered) in zip(waiting, series) {
                guard let registered else {
                    refusedSlots.insert(slot)
                    continue
                }
                slots[slot].id = registered.id
                if registered.kind != slots[slot].kind { registeredKinds[slot] = registered.kind }
            }
            unregistered.removeAll()
        }
        var dropped = Set<Int>()
        if !refusedSlots.isEmpty {
            for (position, entry) in pending.enumerated() where refusedSlots.contains(entry.slot) {
                dropped.insert(position)
                rejections += 1
                // InfluxDB's wording for the database's limit; ours for the measurement's.
                let reason: String
                switch slots[entry.slot].key.map({ self.historian.refusalReason(for: $0, kind: slots[entry.slot].kind) }) {
                case let conflict? where conflict.isFieldTypeConflict:
                    // InfluxDB's wording, without the series: the field's type is the measurement's.
                    reason = conflict.description
                case .measurementSeriesLimit(let measurement, let limit):
                    reason = "series \(name(of: entry.slot)): max-series-per-measurement limit exceeded for measurement \(measurement): (\(limit))"
                default:
                    reason = "series \(name(of: entry.slot)): max-series-per-database limit exceeded: (\(self.historian.options.maximumSeries))"
                }
                onReject(RejectedLine(line: entry.line, column: nil, reason: reason))
            }
        }
        if !registeredKinds.isEmpty {
            for (position, entry) in pending.enumerated() {
                guard let registered = registeredKinds[entry.slot] else { continue }
                dropped.insert(position)
                rejections += 1
                onReject(
                    RejectedLine(
                        line: entry.line, column: nil,
                        reason: fieldTypeConflict(slot: entry.slot, written: slots[entry.slot].kind, existing: registered)))
            }
            for (slot, kind) in registeredKinds { slots[slot].kind = kind }
        }
        if !slotsByKey.isEmpty {
            for slot in slotsByKey.values where slots[slot].id != nil { slots[slot].key = nil }
            slotsByKey = [:]
        }
        if !pendingTexts.isEmpty {
            var texts: [(series: SeriesID, text: String)] = []
            var positions: [Int] = []
            for entry in pendingTexts where !dropped.contains(entry.position) {
                guard let id = slots[pending[entry.position].slot].id else { continue }
                texts.append((id, entry.text))
                positions.append(entry.position)
            }
            for (position, code) in zip(positions, try historian.codes(for: texts)) { pending[position].bits = code }
            pendingTexts.removeAll(keepingCapacity: true)
        }
        var raw: [RawSample] = []
        raw.reserveCapacity(pending.count)
        for (position, entry) in pending.enumerated() where dropped.isEmpty || !dropped.contains(position) {
            guard let id = slots[entry.slot].id else { continue }
            raw.append(RawSample(series: id, timestamp: entry.timestamp, bits: entry.bits, quality: Quality.good.rawValue))
        }
        pending.removeAll(keepingCapacity: true)
        try waitForWriter()
        valuesWritten += raw.count
        let historian = historian
        let writeFailure = writeFailure
        let loggedThrough = loggedThrough
        let batch = raw
        inFlight.enter()
        writer.async { [inFlight] in
            defer { inFlight.leave() }
            do throws(HistorianError) {
                loggedThrough.record(try historian.writeRaw(batch, waitForDurability: false))
            } catch {
                writeFailure.record(error)
            }
        }
    }
}

/// The failure of a background write, handed to the ingesting thread.
private final class WriteFailure: Sendable {
    private let failure = Mutex<HistorianError?>(nil)

    func record(_ error: HistorianError) {
        failure.withLock { $0 = error }
    }

    func take() -> HistorianError? {
        failure.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }
}

/// The WAL position written by the background queue, handed to the ingesting thread.
private final class LoggedPosition: Sendable {
    private let position = Mutex<UInt64?>(nil)

    func record(_ written: UInt64) {
        position.withLock { $0 = max($0 ?? 0, written) }
    }

    func take() -> UInt64? {
        position.withLock { position in
            defer { position = nil }
            return position
        }
    }
}
