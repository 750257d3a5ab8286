import Foundation
import Historian
import Synchronization

/// The durable state of live analytics, `live.sqlite` in the data directory: chart revisions,
/// each chart's checkpoint, events, the message log of the event stream and OEE machine revisions. One evaluation step's
/// checkpoint, events and messages commit in one transaction.
final class LiveStore: Sendable {
    /// The connection, used only under ``lock``.
    private nonisolated(unsafe) let connection: SQLiteDatabase
    /// Prepared statements by SQL text, used only under ``lock``: preparing one costs more than running it.
    private nonisolated(unsafe) var statements: [String: SQLiteStatement] = [:]
    private let lock = Mutex<Void>(())

    /// Opens or creates the store.
    /// - Throws: ``LiveError/storage(_:)`` when the file cannot be opened or its tables created.
    init(path: String) throws(LiveError) {
        do throws(CatalogError) {
            let database = try SQLiteDatabase(path: path)
            // Another connection (a closing instance, `histd spc charts`) may hold a lock for a moment.
            try database.execute("PRAGMA busy_timeout = 5000")
            try database.execute("PRAGMA journal_mode=WAL")
            try database.execute("PRAGMA synchronous=FULL")
            try database.execute(
                """
                CREATE TABLE IF NOT EXISTS chart_revision (chart INTEGER NOT NULL, revision INTEGER NOT NULL, name TEXT NOT NULL,
                    document TEXT NOT NULL, PRIMARY KEY (chart, revision));
                CREATE TABLE IF NOT EXISTS chart_checkpoint (chart INTEGER PRIMARY KEY, document TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS event (id TEXT PRIMARY KEY, created INTEGER NOT NULL, chart INTEGER NOT NULL, document TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS message (sequence INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, document TEXT NOT NULL,
                    chart INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX IF NOT EXISTS message_chart ON message (chart, sequence);
                CREATE TABLE IF NOT EXISTS webhook_cursor (chart INTEGER PRIMARY KEY, delivered INTEGER NOT NULL, attempts INTEGER NOT NULL,
                    last_error TEXT, last_attempt INTEGER);
                CREATE TABLE IF NOT EXISTS machine_revision (name TEXT NOT NULL, revision INTEGER NOT NULL, document TEXT NOT NULL,
                    PRIMARY KEY (name, revision));
                """)
            connection = database
        } catch {
            throw LiveError(error)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    static func text(_ value: some Encodable) throws(LiveError) -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .storage("cannot encode \(type(of: value)): \(error)")
        }
    }

    static func value<Value: Decodable>(_ type: Value.Type, from text: String) throws(LiveError) -> Value {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .storage("a stored \(type) does not decode: \(error)")
        }
    }

    /// Runs `body` under the connection's lock, in one transaction when `transaction` is true.
    func withDatabase<Result>(transaction: Bool = false, _ body: () throws(LiveError) -> Result) throws(LiveError) -> Result {
        try lock.withLock { (_) throws(LiveError) -> Result in
            let database = connection
            guard transaction else { return try body() }
            do throws(CatalogError) {
                try database.execute("BEGIN IMMEDIATE")
            } catch {
                throw LiveError(error)
            }
            do throws(LiveError) {
                let result = try body()
                do throws(CatalogError) {
                    try database.execute("COMMIT")
                } catch {
                    throw LiveError(error)
                }
                return result
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
    }

    // MARK: charts

    /// Every revision of every chart, in chart and revision order.
    func revisions() throws(LiveError) -> [ChartRevision] {
        try withDatabase { () throws(LiveError) -> [ChartRevision] in
            try rows("SELECT document FROM chart_revision ORDER BY chart, revision") { (statement) throws(LiveError) in
                try Self.value(ChartRevision.self, from: statement.string(0) ?? "")
            }
        }
    }

    /// Adds a revision (a new chart's first, or the next of one), replacing the chart's checkpoint
    /// with `checkpoint` (nil removes it: a deleted chart), in one transaction.
    func add(_ revision: ChartRevision, checkpoint: ChartCheckpoint?) throws(LiveError) {
        let document = try Self.text(revision)
        let state = try checkpoint.map { (checkpoint) throws(LiveError) in try Self.text(checkpoint) }
        try withDatabase(transaction: true) { () throws(LiveError) in
            try run("INSERT INTO chart_revision (chart, revision, name, document) VALUES (?, ?, ?, ?)") { statement in
                statement.bind(1, revision.chart)
                statement.bind(2, Int64(revision.revision))
                statement.bind(3, revision.definition.name)
                statement.bind(4, document)
            }
            if let state {
                try run("INSERT OR REPLACE INTO chart_checkpoint (chart, document) VALUES (?, ?)") { statement in
                    statement.bind(1, revision.chart)
                    statement.bind(2, state)
                }
            } else {
                try run("DELETE FROM chart_checkpoint WHERE chart = ?") { $0.bind(1, revision.chart) }
            }
        }
    }

    /// The checkpoint of every chart that has one.
    func checkpoints() throws(LiveError) -> [Int64: ChartCheckpoint] {
        try withDatabase { () throws(LiveError) -> [Int64: ChartCheckpoint] in
            let rows = try rows("SELECT chart, document FROM chart_checkpoint") { (statement) throws(LiveError) in
                (statement.int64(0), try Self.value(ChartCheckpoint.self, from: statement.string(1) ?? ""))
            }
            return Dictionary(rows, uniquingKeysWith: { $1 })
        }
    }

    // MARK: OEE machines

    /// Every revision of every OEE machine, in name and revision order.
    func machineRevisions() throws(LiveError) -> [MachineRevision] {
        try withDatabase { () throws(LiveError) -> [MachineRevision] in
            try rows("SELECT document FROM machine_revision ORDER BY name, revision") { (statement) throws(LiveError) in
                try Self.value(MachineRevision.self, from: statement.string(0) ?? "")
            }
        }
    }

    /// Adds a revision of an OEE machine.
    func add(_ revision: MachineRevision) throws(LiveError) {
        let document = try Self.text(revision)
        try withDatabase(transaction: true) { () throws(LiveError) in
            try run("INSERT INTO machine_revision (name, revision, document) VALUES (?, ?, ?)") { statement in
                statement.bind(1, revision.name)
                statement.bind(2, Int64(revision.revision))
                statement.bind(3, document)
            }
        }
    }

    // MARK: evaluation steps

    /// What one evaluation step of a chart stores: its checkpoint, the events it created or
    /// changed, and the stream messages it sends.
    struct Step {
        var chart: Int64
        var checkpoint: ChartCheckpoint
        var events: [LiveEvent]
        var messages: [(kind: String, event: LiveEvent)]
    }

    /// Commits the steps of several charts in one transaction (one fsync). Returns the messages
    /// with their sequence numbers, in order.
    func commit(_ steps: [Step]) throws(LiveError) -> [EventMessage] {
        var encoded: [(chart: Int64, state: String, events: [(LiveEvent, String)], messages: [(String, String)])] = []
        for step in steps {
            encoded.append(
                (
                    step.chart, try Self.text(step.checkpoint), step.events.map { ($0, $0.jsonText) },
                    step.messages.map { ($0.kind, $0.event.jsonText) }
                ))
        }
        return try withDatabase(transaction: true) { () throws(LiveError) -> [EventMessage] in
            var sent: [EventMessage] = []
            for step in encoded {
                try run("INSERT OR REPLACE INTO chart_checkpoint (chart, document) VALUES (?, ?)") { statement in
                    statement.bind(1, step.chart)
                    statement.bind(2, step.state)
                }
                for (event, document) in step.events { try upsert(event, document: document) }
                for (kind, document) in step.messages {
                    try run("INSERT INTO message (kind, document, chart) VALUES (?, ?, ?)") { statement in
                        statement.bind(1, kind)
                        statement.bind(2, document)
                        statement.bind(3, step.chart)
                    }
                    let sequence = try rows("SELECT last_insert_rowid()") { (statement) throws(LiveError) in statement.int64(0) }.first ?? 0
                    sent.append(EventMessage(sequence: sequence, kind: kind, data: Array(document.utf8)))
                }
            }
            return sent
        }
    }

    private func upsert(_ event: LiveEvent, document: String) throws(LiveError) {
        try run(
            "INSERT INTO event (id, created, chart, document) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET document = excluded.document"
        ) {
            statement in
            statement.bind(1, event.id)
            statement.bind(2, event.firstTime)
            statement.bind(3, event.chart)
            statement.bind(4, document)
        }
    }

    // MARK: events

    /// The events `filter` accepts, newest first.
    func events(_ filter: EventFilter) throws(LiveError) -> [LiveEvent] {
        try withDatabase { () throws(LiveError) -> [LiveEvent] in
            var found: [LiveEvent] = []
            let sql = "SELECT document FROM event" + (filter.chart == nil ? "" : " WHERE chart = ?") + " ORDER BY created DESC, id DESC"
            _ = try rows(sql, bind: { if let chart = filter.chart { $0.bind(1, chart) } }) { (statement) throws(LiveError) -> Void in
                guard found.count < filter.limit else { return }
                let event = try Self.value(LiveEvent.self, from: statement.string(0) ?? "")
                if filter.accepts(event) { found.append(event) }
            }
            return found
        }
    }

    /// The event with `id`, or nil.
    func event(_ id: String) throws(LiveError) -> LiveEvent? {
        try withDatabase { () throws(LiveError) -> LiveEvent? in
            try rows("SELECT document FROM event WHERE id = ?", bind: { $0.bind(1, id) }) { (statement) throws(LiveError) in
                try Self.value(LiveEvent.self, from: statement.string(0) ?? "")
            }.first
        }
    }

    /// Records `acknowledgement` on event `id`.
    /// - Throws: ``LiveError/notFound(_:)``; ``LiveError/conflict(_:)`` when it is acknowledged already.
    func acknowledge(_ id: String, _ acknowledgement: Acknowledgement) throws(LiveError) -> LiveEvent {
        try withDatabase(transaction: true) { () throws(LiveError) -> LiveEvent in
            let found = try rows("SELECT document FROM event WHERE id = ?", bind: { $0.bind(1, id) }) {
                (statement) throws(LiveError) in
                try Self.value(LiveEvent.self, from: statement.string(0) ?? "")
            }
            guard var event = found.first else { throw .notFound("no event with id '\(id)'") }
            if let earlier = event.acknowledged {
                throw .conflict("event '\(id)' was acknowledged already by \(earlier.by)")
            }
            event.acknowledged = acknowledgement
            try upsert(event, document: event.jsonText)
            return event
        }
    }

    /// The stream messages after `sequence`, in order, at most `limit`.
    func messages(after sequence: Int64, limit: Int = 10_000) throws(LiveError) -> [EventMessage] {
        try withDatabase { () throws(LiveError) -> [EventMessage] in
            try rows(
                "SELECT sequence, kind, document FROM message WHERE sequence > ? ORDER BY sequence LIMIT ?",
                bind: {
                    $0.bind(1, sequence)
                    $0.bind(2, Int64(limit))
                }
            ) { (statement) throws(LiveError) in
                EventMessage(sequence: statement.int64(0), kind: statement.string(1) ?? "", data: Array((statement.string(2) ?? "").utf8))
            }
        }
    }

    // MARK: webhooks

    /// Where a chart's webhook delivery stands: the last message sequence delivered, failed
    /// attempts since, the last error and when the last attempt was (ns).
    struct WebhookCursor: Sendable, Equatable {
        var delivered: Int64 = 0
        var attempts: Int = 0
        var lastError: String?
        var lastAttempt: Int64?
    }

    func webhookCursor(chart: Int64) throws(LiveError) -> WebhookCursor {
        try withDatabase { () throws(LiveError) -> WebhookCursor in
            try rows("SELECT delivered, attempts, last_error, last_attempt FROM webhook_cursor WHERE chart = ?", bind: { $0.bind(1, chart) }) {
                (statement) throws(LiveError) in
                WebhookCursor(
                    delivered: statement.int64(0), attempts: Int(statement.int64(1)), lastError: statement.string(2),
                    lastAttempt: statement.double(3).map { Int64($0) })
            }.first ?? WebhookCursor()
        }
    }

    func setWebhookCursor(_ cursor: WebhookCursor, chart: Int64) throws(LiveError) {
        try withDatabase { () throws(LiveError) in
            try run("INSERT OR REPLACE INTO webhook_cursor (chart, delivered, attempts, last_error, last_attempt) VALUES (?, ?, ?, ?, ?)") {
                statement in
                statement.bind(1, chart)
                statement.bind(2, cursor.delivered)
                statement.bind(3, Int64(cursor.attempts))
                statement.bind(4, cursor.lastError)
                if let lastAttempt = cursor.lastAttempt { statement.bind(5, lastAttempt) } else { statement.bind(5, nil as String?) }
            }
        }
    }

    /// The stream messages of `chart` after `sequence`, in order, at most `limit`.
    func messages(chart: Int64, after sequence: Int64, limit: Int) throws(LiveError) -> [EventMessage] {
        try withDatabase { () throws(LiveError) -> [EventMessage] in
            try rows(
                "SELECT sequence, kind, document FROM message WHERE chart = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                bind: {
                    $0.bind(1, chart)
                    $0.bind(2, sequence)
                    $0.bind(3, Int64(limit))
                }
            ) { (statement) throws(LiveError) in
                EventMessage(sequence: statement.int64(0), kind: statement.string(1) ?? "", data: Array((statement.string(2) ?? "").utf8))
            }
        }
    }

    /// The number of stream messages of `chart` after `sequence`.
    func messageCount(chart: Int64, after sequence: Int64) throws(LiveError) -> Int {
        try withDatabase { () throws(LiveError) -> Int in
            Int(
                try rows(
                    "SELECT count(*) FROM message WHERE chart = ? AND sequence > ?",
                    bind: {
                        $0.bind(1, chart)
                        $0.bind(2, sequence)
                    }
                ) { (statement) throws(LiveError) in statement.int64(0) }.first ?? 0)
        }
    }

    // MARK: SQL helpers

    private func run(_ sql: String, bind: (SQLiteStatement) -> Void) throws(LiveError) {
        _ = try rows(sql, bind: bind) { (_) throws(LiveError) in () }
    }

    /// Runs `sql` (a cached prepared statement) with `bind`'s parameters; `row` reads each result row.
    /// Called only under ``lock``.
    private func rows<Row>(
        _ sql: String, bind: (SQLiteStatement) -> Void = { _ in }, _ row: (SQLiteStatement) throws(LiveError) -> Row
    ) throws(LiveError) -> [Row] {
        do throws(CatalogError) {
            let statement: SQLiteStatement
            if let cached = statements[sql] {
                statement = cached
            } else {
                statement = try connection.prepare(sql)
                statements[sql] = statement
            }
            defer { statement.reset() }
            bind(statement)
            var rows: [Row] = []
            while try statement.step() {
                do throws(LiveError) {
                    rows.append(try row(statement))
                } catch {
                    throw CatalogError.sqlite(path: connection.path, operation: sql, code: 0, message: "\(error)")
                }
            }
            return rows
        } catch {
            throw LiveError(error)
        }
    }
}
