import Foundation
import Time

/// How a CSV file is read (`histd import` options). Every option may stay at its default: the
/// delimiter, the time column and the time format are then inferred from the header and the first rows.
public struct CSVImportOptions: Sendable {
    /// The measurement of every series.
    public var measurement: String
    /// The cell separator; nil detects it from the header: the most frequent of `,` `;` and tab outside quotes.
    public var delimiter: UInt8?
    /// The time column: a header name or a 1-based number; nil picks a column named time, timestamp,
    /// datetime, date, ... else the first (refused when it holds a row index).
    public var timeColumn: String?
    /// How time cells are written; nil accepts epoch integers (in ``precision``), RFC 3339 / ISO 8601,
    /// and `dd/mm/yyyy hh:mm[:ss]` or `mm/dd/yyyy ...` when the first rows tell which (`dd.mm.yyyy` is day first).
    public var timeFormat: CSVTimeFormat?
    /// The zone of times written without an offset; nil is UTC.
    public var timeZone: TimeZone?
    /// Columns whose cells are tag values of the row's series.
    public var tagColumns: [String] = []
    /// Columns not imported.
    public var skipColumns: [String] = []
    /// The unit of integer epoch times.
    public var precision: TimestampPrecision = .nanoseconds
    /// The window sample times must lie in; nil accepts any time.
    public var plausibleTimes: PlausibleTimeWindow?
    /// `now` for ``plausibleTimes``, nanoseconds.
    public var now: Int64 = 0

    /// Options of an import into `measurement`, everything else inferred.
    public init(measurement: String) {
        self.measurement = measurement
    }
}
