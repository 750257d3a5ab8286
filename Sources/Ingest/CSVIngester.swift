import Foundation
import Historian
import Time

/// Streams CSV into a ``Historian`` as ``CSVImportOptions`` say: one time column, optional tag
/// columns, and every other column a field of the series `measurement,tags field`.
///
/// The header gives the delimiter (unless set) and the column roles; the first rows (up to 1,000,
/// at the first call) tell a row index from a time and day-first from month-first dates. A field
/// column whose first value is a number holds floats (`21,5` reads as 21.5 when `,` is not the
/// delimiter), any other holds strings; an existing series keeps its kind. An empty cell is no sample.
/// A row is converted whole before any of it is stored: a bad cell rejects its row (through the
/// callback, with its line number), never part of it. Without a historian nothing is stored (a dry run):
/// the first rows are kept as line protocol in ``preview``.
public final class CSVIngester {
    private enum DateOrder { case dayFirst, monthFirst }

    private let historian: Historian?
    private let options: CSVImportOptions
    private let batchSize: Int
    private let previewLimit: Int
    private var delimiter = UInt8(ascii: ",")
    private var header: [String]?
    private var timeIndex = 0
    private var tagIndices: [Int] = []
    private var fieldIndices: [Int] = []
    private var fieldNames: [String] = []
    private var fieldKinds: [ValueKind?] = []
    private var skippedNames: [String] = []
    private var analyzed = false
    private var dateOrder: DateOrder?
    private var plausibleRange: ClosedRange<Int64>?
    /// The series of each field column, by the row's tag values (but for those of ``currentTags``).
    private var seriesByTags: [[String]: [(id: SeriesID, kind: ValueKind)?]] = [:]
    /// The tag values of the last row and the series of its field columns: rows of one machine
    /// often follow each other, and without tag columns every row has these.
    private var currentTags: [String] = []
    private var currentSeries: [(id: SeriesID, kind: ValueKind)?] = []
    private var nextDryRunID: SeriesID = 1
    private var cells: [(range: Range<Int>, escaped: Bool)] = []
    private var rowValues: [(series: SeriesID, bits: UInt64, text: String?)] = []
    private var pending: [RawSample] = []
    private var pendingTexts: [(position: Int, series: SeriesID, text: String)] = []

    /// Lines read so far, the header included.
    public private(set) var linesRead = 0
    /// Values stored so far (in a dry run: that would be stored).
    public private(set) var valuesWritten = 0
    /// Rows rejected.
    public private(set) var rejections = 0
    /// In a dry run, the first converted rows as line protocol.
    public private(set) var preview: [String] = []

    /// Creates an ingester; `historian` nil makes a dry run that stores nothing and keeps the first
    /// `previewLimit` rows in ``preview``; `batchSize` samples per write.
    public init(historian: Historian?, options: CSVImportOptions, batchSize: Int = 65_536, previewLimit: Int = 10) {
        self.historian = historian
        self.options = options
        self.batchSize = max(1, batchSize)
        self.previewLimit = previewLimit
        plausibleRange = options.plausibleTimes.map { $0.earliest...max($0.earliest, $0.latest(now: options.now)) }
    }

    /// What the header and the rows read so far told, nil before the header.
    public var schema: CSVSchema? {
        guard let header else { return nil }
        return CSVSchema(
            delimiter: delimiter, timeColumn: (timeIndex + 1, header[timeIndex]), timeFormat: timeFormatDescription,
            tags: tagIndices.map { header[$0] },
            fields: zip(fieldNames, fieldKinds).map { CSVSchema.Field(name: $0, kind: $1) }, skipped: skippedNames)
    }

    /// True once a dry run holds its preview rows: reading on changes nothing it shows.
    public var previewIsComplete: Bool { historian == nil && preview.count >= previewLimit }

    /// Parses and stores the complete lines of `bytes` (UTF-8); returns the bytes consumed: pass
    /// the rest again with more input, or with `isFinal` at the end.
    /// - Throws: ``CSVImportError`` when the header or the options do not fit the file, or storing fails.
    public func ingest(_ bytes: UnsafeRawBufferPointer, isFinal: Bool, onReject: (RejectedLine) -> Void) throws(CSVImportError) -> Int {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end == bytes.count && !isFinal { break }
            linesRead += 1
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd > start {
                if header == nil {
                    try readHeader(bytes, start..<lineEnd)
                } else {
                    if !analyzed {
                        // Wait for more input until the first rows can be looked at together.
                        guard try analyze(bytes, from: start, isFinal: isFinal) else {
                            linesRead -= 1
                            break
                        }
                    }
                    try readRow(bytes, start..<lineEnd, onReject: onReject)
                }
            }
            start = end + 1
        }
        return min(start, bytes.count)
    }

    /// Writes what is still buffered; call at the end of the input.
    /// - Throws: ``CSVImportError/storage(_:)`` when storing fails.
    public func finish() throws(CSVImportError) {
        try writePending()
    }

    // MARK: - Header and first rows

    private static let timeNames: Set<String> = [
        "time", "timestamp", "datetime", "date_time", "date time", "_time", "ts", "date", "zeit", "zeitstempel", "datum", "datum/zeit",
    ]
    private static let indexNames: Set<String> = ["", "index", "#", "id", "no", "no.", "nr", "nr.", "row", "idx", "n", "unnamed: 0"]

    private func readHeader(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) throws(CSVImportError) {
        var range = line
        if range.count >= 3, bytes[range.lowerBound] == 0xEF, bytes[range.lowerBound + 1] == 0xBB, bytes[range.lowerBound + 2] == 0xBF {
            range = range.lowerBound + 3..<range.upperBound
        }
        delimiter = options.delimiter ?? Self.detectDelimiter(bytes, range)
        split(bytes, range)
        let names = cells.map { text(bytes, $0) }
        timeIndex = try timeColumn(names)
        var roles = [Bool](repeating: false, count: names.count)
        roles[timeIndex] = true
        for name in options.tagColumns {
            let index = try column(name, option: "--tag-column", in: names)
            guard index != timeIndex else { throw .invalidOption("--tag-column", "'\(name)' is the time column") }
            tagIndices.append(index)
            roles[index] = true
        }
        for name in options.skipColumns {
            let index = try column(name, option: "--skip-column", in: names)
            guard index != timeIndex else { throw .invalidOption("--skip-column", "'\(name)' is the time column") }
            skippedNames.append(names[index])
            roles[index] = true
        }
        for index in names.indices where !roles[index] {
            fieldIndices.append(index)
            fieldNames.append(names[index].isEmpty ? "column\(index + 1)" : names[index])
        }
        guard !fieldIndices.isEmpty else {
            throw .badHeader(
                "no value column besides the time\(tagIndices.isEmpty ? "" : ", tag") and skipped columns (\(names.joined(separator: ", ")))")
        }
        fieldKinds = Array(repeating: nil, count: fieldIndices.count)
        currentSeries = Array(repeating: nil, count: fieldIndices.count)
        header = names
    }

    private func timeColumn(_ names: [String]) throws(CSVImportError) -> Int {
        if let requested = options.timeColumn { return try column(requested, option: "--time-column", in: names) }
        return names.firstIndex { Self.timeNames.contains($0.lowercased()) } ?? 0
    }

    /// The index of the column `name` (a header, or a 1-based number).
    private func column(_ name: String, option: String, in names: [String]) throws(CSVImportError) -> Int {
        if let index = names.firstIndex(of: name) ?? names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return index }
        if let number = Int(name), number >= 1, number <= names.count { return number - 1 }
        throw .unknownColumn(option: option, name: name, header: names)
    }

    /// The most frequent of `,` `;` and tab outside quotes (`,` when none).
    private static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for index in line {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t")) { counts[byte, default: 0] += 1 }
        }
        let order: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] || (counts[$0, default: 0] == counts[$1, default: 0]) }
            .flatMap { counts[$0, default: 0] > 0 ? $0 : nil } ?? UInt8(ascii: ",")
    }

    /// The rows ``analyze(_:from:isFinal:)`` looks at, when the input has that many.
    private static let analyzedRows = 1_000

    /// Looks at the time cells of the first rows: refuses a row index taken for the time, and
    /// decides whether `03/04/2024` dates are day first. Returns false, having decided nothing, when
    /// fewer than ``analyzedRows`` complete lines are at hand and more input may come.
    private func analyze(_ bytes: UnsafeRawBufferPointer, from start: Int, isFinal: Bool) throws(CSVImportError) -> Bool {
        var samples: [String] = []
        var position = start
        while position < bytes.count, samples.count < Self.analyzedRows {
            var end = position
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end == bytes.count && !isFinal { return false }
            var lineEnd = end
            if lineEnd > position && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd > position {
                split(bytes, position..<lineEnd)
                if timeIndex < cells.count { samples.append(text(bytes, cells[timeIndex])) }
            }
            position = end + 1
        }
        if samples.count < Self.analyzedRows && !isFinal && position >= bytes.count { return false }
        analyzed = true
        if options.timeColumn == nil, let header, !Self.timeNames.contains(header[timeIndex].lowercased()) {
            let first = samples.first.flatMap { Int($0) }
            let second = samples.dropFirst().first.flatMap { Int($0) }
            let countsRows = first.map { $0 == 0 || $0 == 1 } == true && second.map { $0 == (first ?? 0) + 1 } != false
            if Self.indexNames.contains(header[timeIndex].lowercased()) || countsRows {
                throw .rowIndexTime(column: timeIndex + 1, name: header[timeIndex])
            }
        }
        guard options.timeFormat == nil else { return true }
        var dayFirst = false
        var monthFirst = false
        var ambiguous: String?
        for sample in samples {
            guard let (first, second) = Self.slashDateParts(sample) else { continue }
            if first > 12 { dayFirst = true } else if second > 12 { monthFirst = true } else if ambiguous == nil { ambiguous = sample }
        }
        if dayFirst != monthFirst {
            dateOrder = dayFirst ? .dayFirst : .monthFirst
        } else if !dayFirst, let ambiguous {
            throw .ambiguousDates(example: ambiguous)
        }
        return true
    }

    /// The first two numbers of a `a/b/yyyy` date.
    private static func slashDateParts(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/", maxSplits: 2)
        guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]), parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        return (first, second)
    }

    private var timeFormatDescription: String {
        var text: String
        switch options.timeFormat {
        case .excelSerialDays?: text = "Excel serial days"
        case .pattern?: text = "--time-format"
        case nil:
            switch dateOrder {
            case .dayFirst?: text = "dd/mm/yyyy hh:mm[:ss]"
            case .monthFirst?: text = "mm/dd/yyyy hh:mm[:ss]"
            case nil: text = "RFC 3339 / ISO 8601, dd.mm.yyyy, or epoch \(options.precision.rawValue)"
            }
        }
        if let zone = options.timeZone { text += ", zone \(zone.identifier)" }
        return text
    }

    // MARK: - Rows

    private func readRow(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>, onReject: (RejectedLine) -> Void) throws(CSVImportError) {
        guard let header, !previewIsComplete else { return }
        func reject(_ reason: String) {
            rejections += 1
            onReject(RejectedLine(line: linesRead, column: nil, reason: reason))
        }
        split(bytes, line)
        guard cells.count == header.count else {
            reject("row has \(cells.count) cells, the header \(header.count)")
            return
        }
        let timeCell = cells[timeIndex]
        let timestamp: Int64
        switch time(bytes, timeCell) {
        case .success(let parsed): timestamp = parsed
        case .failure(let reason):
            reject("column '\(header[timeIndex])': '\(text(bytes, timeCell))' \(reason.message)")
            return
        }
        let tagValues = tagIndices.isEmpty ? [] : tagIndices.map { text(bytes, cells[$0]) }
        if tagValues != currentTags {
            seriesByTags[currentTags] = currentSeries
            currentTags = tagValues
            currentSeries = seriesByTags[tagValues] ?? Array(repeating: nil, count: fieldIndices.count)
        }
        rowValues.removeAll(keepingCapacity: true)
        for (field, index) in fieldIndices.enumerated() {
            let cell = cells[index]
            guard !cell.range.isEmpty else { continue }
            let value = text(bytes, cell)
            let series: (id: SeriesID, kind: ValueKind)
            if let known = currentSeries[field] {
                series = known
            } else {
                let kind = fieldKinds[field] ?? (number(value) != nil ? .float : .string)
                fieldKinds[field] = kind
                series = try resolve(field: field, kind: kind, tagValues: tagValues)
                currentSeries[field] = series
            }
            let bits: UInt64?
            switch series.kind {
            case .float: bits = number(value)?.bitPattern
            case .string: bits = 0
            default: bits = Self.bits(of: value, as: series.kind)
            }
            guard let bits else {
                reject("column '\(fieldNames[field])': '\(value)' is not a \(series.kind) value (the series holds \(series.kind) values)")
                return
            }
            rowValues.append((series.id, bits, series.kind == .string ? value : nil))
        }
        if historian == nil, preview.count < previewLimit { preview.append(lineProtocol(timestamp: timestamp, tagValues: tagValues)) }
        for value in rowValues {
            if let text = value.text { pendingTexts.append((pending.count, value.series, text)) }
            pending.append(RawSample(series: value.series, timestamp: timestamp, bits: value.bits, quality: Quality.good.rawValue))
        }
        if pending.count >= batchSize { try writePending() }
    }

    /// The series of field column `field` for a row with `tagValues`, registered on first sight.
    private func resolve(field: Int, kind: ValueKind, tagValues: [String]) throws(CSVImportError) -> (id: SeriesID, kind: ValueKind) {
        var tags: [SeriesKey.Tag] = []
        for (index, value) in zip(tagIndices, tagValues) where !value.isEmpty {
            tags.append(SeriesKey.Tag(key: header?[index] ?? "", value: value))
        }
        let key = SeriesKey(measurement: options.measurement, tags: tags, field: fieldNames[field])
        guard let historian else {
            defer { nextDryRunID += 1 }
            return (nextDryRunID, kind)
        }
        if let existing = historian.series(for: key) { return (existing.id, existing.kind) }
        do throws(HistorianError) {
            // register returns one series per key given.
            let series = try historian.register([(key, kind)])[0]
            return (series.id, series.kind)
        } catch .catalog(.fieldTypeConflict(_, _, let existing, _)) {
            // The field has a type in the measurement: the column's cells are read as that type.
            do throws(HistorianError) {
                let series = try historian.register([(key, existing)])[0]
                return (series.id, series.kind)
            } catch {
                throw .storage(error)
            }
        } catch {
            throw .storage(error)
        }
    }

    private func writePending() throws(CSVImportError) {
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingTexts.removeAll(keepingCapacity: true)
        }
        guard let historian, !pending.isEmpty else {
            valuesWritten += pending.count
            return
        }
        do throws(HistorianError) {
            if !pendingTexts.isEmpty {
                let codes = try historian.codes(for: pendingTexts.map { ($0.series, $0.text) })
                for (entry, code) in zip(pendingTexts, codes) { pending[entry.position].bits = code }
            }
            try historian.writeRaw(pending)
        } catch {
            throw .storage(error)
        }
        valuesWritten += pending.count
    }

    /// The row as a line of line protocol, for the dry run's preview.
    private func lineProtocol(timestamp: Int64, tagValues: [String]) -> String {
        var line = SeriesKey.escape(options.measurement)
        for (index, value) in zip(tagIndices, tagValues) where !value.isEmpty {
            line += "," + SeriesKey.escape(header?[index] ?? "") + "=" + SeriesKey.escape(value)
        }
        var fields: [String] = []
        var next = rowValues.makeIterator()
        for (field, index) in fieldIndices.enumerated() where !cells[index].range.isEmpty {
            guard let value = next.next(), let kind = fieldKinds[field] else { continue }
            let text: String
            switch kind {
            case .float: text = "\(Double(bitPattern: value.bits))"
            case .integer: text = "\(Int64(bitPattern: value.bits))i"
            case .unsigned: text = "\(value.bits)u"
            case .boolean: text = value.bits == 0 ? "false" : "true"
            case .string:
                text = "\"" + (value.text ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            fields.append(SeriesKey.escape(fieldNames[field]) + "=" + text)
        }
        return line + " " + fields.joined(separator: ",") + " \(timestamp)"
    }

    // MARK: - Cells

    /// Splits `line` into ``cells``: quoted cells may hold the delimiter and `""` for a quote;
    /// unquoted cells are trimmed of spaces and tabs.
    private func split(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) {
        cells.removeAll(keepingCapacity: true)
        var index = line.lowerBound
        while true {
            while index < line.upperBound, bytes[index] == UInt8(ascii: " ") || (bytes[index] == UInt8(ascii: "\t") && delimiter != bytes[index]) {
                index += 1
            }
            var start = index
            var end: Int
            var escaped = false
            if index < line.upperBound, bytes[index] == UInt8(ascii: "\"") {
                start = index + 1
                index += 1
                while index < line.upperBound {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < line.upperBound, bytes[index + 1] == UInt8(ascii: "\"") {
                            escaped = true
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                end = index
                while index < line.upperBound, bytes[index] != delimiter { index += 1 }
            } else {
                while index < line.upperBound, bytes[index] != delimiter { index += 1 }
                end = index
                while end > start, bytes[end - 1] == UInt8(ascii: " ") || (bytes[end - 1] == UInt8(ascii: "\t") && delimiter != bytes[end - 1]) {
                    end -= 1
                }
            }
            cells.append((start..<max(start, end), escaped))
            if index >= line.upperBound { return }
            index += 1
        }
    }

    private func text(_ bytes: UnsafeRawBufferPointer, _ cell: (range: Range<Int>, escaped: Bool)) -> String {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[cell.range]), as: UTF8.self)
        return cell.escaped ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// A number, with a decimal comma accepted when `,` is not the delimiter.
    private func number(_ text: String) -> Double? {
        if let value = Double(text) { return value.isFinite ? value : nil }
        guard delimiter != UInt8(ascii: ",") else { return nil }
        var bytes = Array(text.utf8)
        guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")), !bytes.contains(UInt8(ascii: ".")) else { return nil }
        bytes[comma] = UInt8(ascii: ".")
        return Double(String(decoding: bytes, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The stored bits of `text` as an integer, unsigned or boolean value; nil when it is not one.
    private static func bits(of text: String, as kind: ValueKind) -> UInt64? {
        switch kind {
        case .integer: Int64(text).map { UInt64(bitPattern: $0) }
        case .unsigned: UInt64(text)
        case .boolean:
            switch text.lowercased() {
            case "true", "t", "1": 1
            case "false", "f", "0": 0
            default: nil
            }
        case .float, .string: nil
        }
    }

    // MARK: - Times

    /// Why a time cell was refused.
    private struct TimeProblem: Error {
        let message: String
    }

    /// The time of a cell, UTC nanoseconds, inside the plausible window.
    private func time(_ bytes: UnsafeRawBufferPointer, _ cell: (range: Range<Int>, escaped: Bool)) -> Result<Int64, TimeProblem> {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[cell.range])
        var epoch: Int64?
        let nanoseconds: Int64
        if let format = options.timeFormat {
            guard let reading = format.read(raw) else { return .failure(TimeProblem(message: "does not match --time-format")) }
            nanoseconds = utc(reading)
        } else if let integer = Self.integer(raw) {
            guard let scaled = options.precision.nanoseconds(from: integer) else {
                return .failure(TimeProblem(message: "is out of range as epoch \(options.precision.rawValue)"))
            }
            epoch = integer
            nanoseconds = scaled
        } else if let reading = numericDate(raw) {
            guard let reading = reading else {
                return .failure(TimeProblem(message: "reads both as dd/mm and as mm/dd: pass --time-format '%d/%m/%Y %H:%M' or '%m/%d/%Y %H:%M'"))
            }
            nanoseconds = utc(reading)
        } else {
            let text = String(decoding: raw, as: UTF8.self)
            guard let parsed = RFC3339.parse(text) else {
                return .failure(
                    TimeProblem(message: "is not a time: use RFC 3339, epoch \(options.precision.rawValue), dd/mm/yyyy hh:mm, or --time-format"))
            }
            nanoseconds = Self.hasZone(raw) ? parsed : utc(CSVTimeFormat.Reading(localNanoseconds: parsed, offsetSeconds: nil))
        }
        guard nanoseconds != .max else { return .failure(TimeProblem(message: "is \(Historian.reservedTimestampReason)")) }
        if let plausibleRange, !plausibleRange.contains(nanoseconds) {
            let window = options.plausibleTimes ?? PlausibleTimeWindow()
            let written = PlausibleTimeWindow.units.first { $0.suffix == options.precision.rawValue } ?? PlausibleTimeWindow.units[3]
            let hint =
                epoch.flatMap { window.likelyUnit(of: $0, writtenIn: written, now: options.now) }
                .map { "looks like \($0.name): use --precision \($0.suffix)" } ?? "check the column and --precision or --time-format"
            return .failure(
                TimeProblem(message: "is \(RFC3339.format(nanoseconds)), outside the plausible window \(window.describe(now: options.now)): \(hint)"))
        }
        return .success(nanoseconds)
    }

    /// UTC nanoseconds of a reading: its own offset, else ``CSVImportOptions/timeZone``, else UTC.
    private func utc(_ reading: CSVTimeFormat.Reading) -> Int64 {
        if let offset = reading.offsetSeconds { return reading.localNanoseconds - offset * 1_000_000_000 }
        guard let zone = options.timeZone else { return reading.localNanoseconds }
        let local = Double(reading.localNanoseconds / 1_000_000_000)
        var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        let corrected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offset)))
        if corrected != offset { offset = corrected }
        return reading.localNanoseconds - Int64(offset) * 1_000_000_000
    }

    /// `dd/mm/yyyy`, `mm/dd/yyyy` (by the first rows) or `dd.mm.yyyy`, with an optional ` hh:mm[:ss[.f]]`:
    /// nil when the cell is not such a date, `.some(nil)` when its order cannot be told.
    private func numericDate(_ raw: UnsafeRawBufferPointer) -> CSVTimeFormat.Reading?? {
        guard raw.count >= 8, let separatorIndex = raw.prefix(3).firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }),
            separatorIndex > 0
        else { return nil }
        let separator = raw[separatorIndex]
        var dayFirst = separator == UInt8(ascii: ".")
        if separator == UInt8(ascii: "/") {
            switch dateOrder {
            case .dayFirst?: dayFirst = true
            case .monthFirst?: dayFirst = false
            case nil:
                guard let (first, second) = Self.slashDateParts(String(decoding: raw.prefix(10), as: UTF8.self)) else { return nil }
                guard first > 12 || second > 12 else { return .some(nil) }
                dayFirst = first > 12
            }
        }
        let date: [CSVTimeFormat.Element] =
            dayFirst
            ? [.day, .literal(separator), .month, .literal(separator), .year] : [.month, .literal(separator), .day, .literal(separator), .year]
        let colon = CSVTimeFormat.Element.literal(UInt8(ascii: ":"))
        for time: [CSVTimeFormat.Element] in [
            [], [.literal(UInt8(ascii: " ")), .hour, colon, .minute], [.literal(UInt8(ascii: " ")), .hour, colon, .minute, colon, .second],
            [.literal(UInt8(ascii: " ")), .hour, colon, .minute, colon, .second, .literal(UInt8(ascii: ".")), .fraction],
        ] {
            if let reading = CSVTimeFormat.pattern(date + time).read(raw) { return .some(reading) }
        }
        return nil
    }

    /// Whether an ISO 8601 text names its zone (`Z` or an offset after the time).
    private static func hasZone(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let last = raw.last else { return false }
        if last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return true }
        guard raw.count > 16 else { return false }
        return raw[11...].contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
    }

    /// A decimal integer filling the whole cell.
    private static func integer(_ raw: UnsafeRawBufferPointer) -> Int64? {
        guard !raw.isEmpty, raw.count <= 20 else { return nil }
        var index = 0
        let negative = raw[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < raw.count else { return nil }
        var value: Int64 = 0
        while index < raw.count {
            let digit = raw[index] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (added, overflowB) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflowA, !overflowB else { return nil }
            value = added
            index += 1
        }
        return negative ? -value : value
    }
}
