/// The series catalog: every series' id, key, value kind and metadata, kept in SQLite
/// (`catalog.sqlite`) and mirrored in memory for lookups on the write path.
///
/// Not thread-safe: the ``Historian`` serializes access.
final class SeriesCatalog {
    static let formatVersion = 1

    let path: String
    private let database: SQLiteDatabase
    private(set) var all: [Series] = [] // index = id - 1
    private var keyIndex = SeriesKeyIndex()
    /// Indexes of `all` per measurement and per tag (key and value), ascending: selection starts
    /// from the shortest list that its conditions allow instead of scanning every series.
    private var indexesByMeasurement: [String: [Int]] = [:]
    private var indexesByTag: [SeriesKey.Tag: [Int]] = [:]
    /// The kinds of each field of each measurement: one, unless a directory written before fields
    /// were typed per measurement holds several.
    private(set) var fieldKinds: [String: [String: Set<ValueKind>]] = [:]
    /// Range deletes made durable by flushes, in sequence order.
    private(set) var tombstones: [Tombstone] = []
    /// The texts of each string series, at index = code.
    private(set) var stringTexts: [SeriesID: [String]] = [:]
    private var stringCodes: [SeriesID: [String: UInt64]] = [:]

    init(path: String) throws(CatalogError) {
        self.path = path
        database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA journal_mode=WAL")
        try database.execute("PRAGMA synchronous=FULL")
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS catalog_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS series(
                id INTEGER PRIMARY KEY,
                measurement TEXT NOT NULL,
                tags TEXT NOT NULL,
                field TEXT NOT NULL,
                kind INTEGER NOT NULL,
                unit TEXT, description TEXT,
                range_low REAL, range_high REAL,
                spec_lower REAL, spec_upper REAL,
                interpolation INTEGER,
                UNIQUE(measurement, tags, field));
            CREATE TABLE IF NOT EXISTS strings(
                series INTEGER NOT NULL, code INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(series, code));
            CREATE TABLE IF NOT EXISTS tombstones(
                series INTEGER NOT NULL, range_from INTEGER NOT NULL, range_to INTEGER NOT NULL,
                sequence INTEGER NOT NULL);
            INSERT OR IGNORE INTO catalog_info(key, value) VALUES('format_version', '\(Self.formatVersion)');
            """)
        let version = try database.prepare("SELECT value FROM catalog_info WHERE key = 'format_version'")
        if try version.step(), let text = version.string(0), Int(text) != Self.formatVersion {
            throw .unsupportedVersion(path: path, version: Int(text) ?? -1)
        }
        try load()
    }

    private func load() throws(CatalogError) {
        let query = try database.prepare(
            """
            SELECT id, measurement, tags, field, kind, unit, description, range_low, range_high,
                   spec_lower, spec_upper, interpolation FROM series ORDER BY id
            """)
        while try query.step() {
            let id = query.int64(0)
            guard id == Int64(all.count + 1) else {
                throw .corruptRow(path: path, seriesID: id, reason: "ids are not dense (expected \(all.count + 1))")
            }
            guard let measurement = query.string(1), let tagText = query.string(2), let field = query.string(3),
                let tags = SeriesKey.parseCanonicalTags(tagText)
            else {
                throw .corruptRow(path: path, seriesID: id, reason: "unreadable key")
            }
            guard let kindCode = UInt8(exactly: query.int64(4)), let kind = ValueKind(rawValue: kindCode) else {
                throw .corruptRow(path: path, seriesID: id, reason: "unknown value kind \(query.int64(4))")
            }
            var metadata = SeriesMetadata(
                unit: query.string(5), description: query.string(6),
                lowerSpecLimit: query.double(9), upperSpecLimit: query.double(10))
            if let low = query.double(7), let high = query.double(8), low <= high { metadata.engineeringRange = low...high }
            if let code = query.double(11) { metadata.interpolation = Interpolation(rawValue: UInt8(clamping: Int(code))) }
            let key = SeriesKey(measurement: measurement, tags: tags, field: field)
            append(Series(id: SeriesID(id), key: key, kind: kind, metadata: metadata))
        }
        let strings = try database.prepare("SELECT series, code, text FROM strings ORDER BY series, code")
        while try strings.step() {
            guard let series = SeriesID(exactly: strings.int64(0)), self.series(series)?.kind == .string,
                strings.int64(1) == Int64(stringTexts[series]?.count ?? 0), let text = strings.string(2)
            else {
                throw .corruptRow(
                    path: path, seriesID: strings.int64(0), reason: "string code \(strings.int64(1)) is not the next code of a string series")
            }
            stringCodes[series, default: [:]][text] = UInt64(stringTexts[series]?.count ?? 0)
            stringTexts[series, default: []].append(text)
        }
        let deletes = try database.prepare("SELECT series, range_from, range_to, sequence FROM tombstones ORDER BY sequence")
        while try deletes.step() {
            guard let series = SeriesID(exactly: deletes.int64(0)), self.series(series) != nil, deletes.int64(3) >= 0 else {
                throw .corruptRow(path: path, seriesID: deletes.int64(0), reason: "range delete of an unknown series")
            }
            tombstones.append(Tombstone(series: series, from: deletes.int64(1), to: deletes.int64(2), sequence: UInt64(deletes.int64(3))))
        }
    }

    /// The codes of `texts` of string series, registering new texts in one transaction.
    func codes(for texts: [(series: SeriesID, text: String)]) throws(CatalogError) -> [UInt64] {
        var added: [(series: SeriesID, code: UInt64, text: String)] = []
        var codes: [UInt64] = []
        codes.reserveCapacity(texts.count)
        for (series, text) in texts {
            if let code = stringCodes[series]?[text] {
                codes.append(code)
                continue
            }
            let code = UInt64(stringTexts[series]?.count ?? 0)
            stringCodes[series, default: [:]][text] = code
            stringTexts[series, default: []].append(text)
            added.append((series, code, text))
            codes.append(code)
        }
        guard !added.isEmpty else { return codes }
        do throws(CatalogError) {
            try database.transaction { () throws(CatalogError) in
                let insert = try database.prepare("INSERT INTO strings(series, code, text) VALUES(?, ?, ?)")
                for entry in added {
                    insert.reset()
                    insert.bind(1, Int64(entry.series))
                    insert.bind(2, Int64(entry.code))
                    insert.bind(3, entry.text)
                    _ = try insert.step()
                }
            }
        } catch {
            // Forget the codes that did not become durable (newest first, so the arrays shrink back).
            for entry in added.reversed() {
                stringTexts[entry.series]?.removeLast()
                stringCodes[entry.series]?[entry.text] = nil
            }
            throw error
        }
        return codes
    }

    /// Records range deletes durably (one transaction).
    func addTombstones(_ added: [Tombstone]) throws(CatalogError) {
        guard !added.isEmpty else { return }
        try database.transaction { () throws(CatalogError) in
            let insert = try database.prepare("INSERT INTO tombstones(series, range_from, range_to, sequence) VALUES(?, ?, ?, ?)")
            for tombstone in added {
                insert.reset()
                insert.bind(1, Int64(tombstone.series))
                insert.bind(2, tombstone.from)
                insert.bind(3, tombstone.to)
                insert.bind(4, Int64(bitPattern: tombstone.sequence))
                _ = try insert.step()
            }
        }
        tombstones.append(contentsOf: added)
    }

    /// The series with `id`, or nil.
    func series(_ id: SeriesID) -> Series? {
        let index = Int(id) - 1
        return index >= 0 && index < all.count ? all[index] : nil
    }

    /// The value kind of every series, at index id - 1: what the write path needs, without copying a ``Series``.
    private(set) var kinds: [ValueKind] = []

    /// The value kind of series `id`, or nil.
    func kind(_ id: SeriesID) -> ValueKind? {
        let index = Int(id) - 1
        return index >= 0 && index < kinds.count ? kinds[index] : nil
    }

    /// The series' key in line protocol form for messages, or its id when unknown.
    func name(of id: SeriesID) -> String {
        series(id)?.key.description ?? "\(id)"
    }

    /// The number of series of `measurement`.
    func seriesCount(measurement: String) -> Int {
        indexesByMeasurement[measurement]?.count ?? 0
    }

    /// The series with `key`, or nil when it is not registered.
    func lookup(_ key: SeriesKey) -> Series? {
        keyIndex.position(of: key, in: all).map { all[$0] }
    }

    /// Registers the series of `keys` that are new, all in one SQLite transaction, and returns
    /// the series of every key in order. Throws ``CatalogError/kindConflict`` when a known key has another kind.
    /// Registers the new keys in one transaction; a new key past `limit` series in all, past
    /// `measurementLimit` series of its measurement, or whose field has another type in its
    /// measurement (``fieldTypeConflict(_:kind:pending:)``) gets nil.
    func register(_ keys: [(key: SeriesKey, kind: ValueKind)], limit: Int = .max, measurementLimit: Int = .max) throws(CatalogError) -> [Series?] {
        var pending: [Series] = []
        var pendingIndex: [SeriesKey: Int] = [:]
        var pendingByMeasurement: [String: Int] = [:]
        var pendingFieldKinds: [String: [String: ValueKind]] = [:]
        var result: [Series?] = []
        result.reserveCapacity(keys.count)
        for (key, kind) in keys {
            if let existing = lookup(key) ?? pendingIndex[key].map({ pending[$0] }) {
                guard existing.kind == kind else {
                    throw .kindConflict(series: key.description, registered: existing.kind, written: kind)
                }
                result.append(existing)
                continue
            }
            guard all.count + pending.count < limit,
                seriesCount(measurement: key.measurement) + pendingByMeasurement[key.measurement, default: 0] < measurementLimit,
                fieldTypeConflict(key, kind: kind, pending: pendingFieldKinds) == nil
            else {
                result.append(nil)
                continue
            }
            pendingByMeasurement[key.measurement, default: 0] += 1
            if fieldKinds[key.measurement]?[key.field] == nil { pendingFieldKinds[key.measurement, default: [:]][key.field] = kind }
            let series = Series(id: SeriesID(all.count + pending.count + 1), key: key, kind: kind, metadata: SeriesMetadata())
            pendingIndex[key] = pending.count
            pending.append(series)
            result.append(series)
        }
        guard !pending.isEmpty else { return result }
        try database.transaction { () throws(CatalogError) in
            let insert = try database.prepare("INSERT INTO series(id, measurement, tags, field, kind) VALUES(?, ?, ?, ?, ?)")
            for series in pending {
                insert.reset()
                insert.bind(1, Int64(series.id))
                insert.bind(2, series.key.measurement)
                insert.bind(3, series.key.canonicalTags)
                insert.bind(4, series.key.field)
                insert.bind(5, Int64(series.kind.rawValue))
                _ = try insert.step()
            }
        }
        for series in pending { append(series) }
        return result
    }

    /// Replaces the metadata of series `id`.
    func setMetadata(_ metadata: SeriesMetadata, for id: SeriesID) throws(CatalogError) {
        guard series(id) != nil else { return }
        let update = try database.prepare(
            """
            UPDATE series SET unit = ?, description = ?, range_low = ?, range_high = ?, spec_lower = ?,
                   spec_upper = ?, interpolation = ? WHERE id = ?
            """)
        update.bind(1, metadata.unit)
        update.bind(2, metadata.description)
        update.bind(3, metadata.engineeringRange?.lowerBound)
        update.bind(4, metadata.engineeringRange?.upperBound)
        update.bind(5, metadata.lowerSpecLimit)
        update.bind(6, metadata.upperSpecLimit)
        update.bind(7, metadata.interpolation.map { Double($0.rawValue) })
        update.bind(8, Int64(id))
        _ = try update.step()
        all[Int(id) - 1].metadata = metadata
    }

    private func append(_ series: Series) {
        indexesByMeasurement[series.key.measurement, default: []].append(all.count)
        for tag in series.key.tags { indexesByTag[tag, default: []].append(all.count) }
        all.append(series)
        kinds.append(series.kind)
        keyIndex.insert(position: all.count - 1, in: all)
        fieldKinds[series.key.measurement, default: [:]][series.key.field, default: []].insert(series.kind)
    }

    /// The conflict a new series with `key` and `kind` would make with the type its field already
    /// has in its measurement (`pending`: kinds of series being registered with it), or nil.
    func fieldTypeConflict(_ key: SeriesKey, kind: ValueKind, pending: [String: [String: ValueKind]] = [:]) -> CatalogError? {
        let existing = fieldKinds[key.measurement]?[key.field] ?? pending[key.measurement]?[key.field].map { [$0] } ?? []
        guard !existing.isEmpty, !existing.contains(kind) else { return nil }
        let first = ValueKind.allCases.first(where: existing.contains) ?? kind
        return .fieldTypeConflict(measurement: key.measurement, field: key.field, existing: first, written: kind)
    }

    /// The series of `measurement` (every measurement when nil) that carry every tag of `tags`,
    /// from the indexes, in id order: cheap, so callers take it under the engine lock and test
    /// anything costlier outside it.
    func series(measurement: String?, tags: [SeriesKey.Tag], fields: Set<String>? = nil) -> [Series] {
        var lists: [[Int]] = []
        if let measurement { lists.append(indexesByMeasurement[measurement] ?? []) }
        for tag in tags { lists.append(indexesByTag[tag] ?? []) }
        guard let shortestAt = lists.indices.min(by: { lists[$0].count < lists[$1].count }) else {
            return fields.map { fields in all.filter { fields.contains($0.key.field) } } ?? all
        }
        let others = lists.indices.filter { $0 != shortestAt }.map { lists[$0] }
        // Index lists are in id order: a binary search in each other list, no set built; the field
        // is compared before a series is copied out (most queries name one field of many).
        let field = fields?.count == 1 ? fields?.first : nil
        return lists[shortestAt].filter { index in
            if let field {
                guard all[index].key.field == field else { return false }
            } else if let fields, !fields.contains(all[index].key.field) {
                return false
            }
            return others.allSatisfy { Self.contains($0, index) }
        }.map { all[$0] }
    }

    /// Whether ascending `list` holds `value`.
    private static func contains(_ list: [Int], _ value: Int) -> Bool {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == value
    }
}
