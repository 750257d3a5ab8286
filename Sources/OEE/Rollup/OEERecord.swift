import Foundation

/// One machine's figures for one shift: the unit that roll-ups sum.
public struct OEERecord: Equatable, Sendable {
    /// Machine identifier.
    public var machine: String
    /// Tags of the machine (for example `["line": "L3"]`), for roll-ups by line.
    public var tags: [String: String]
    /// Name of the shift (for example "Night").
    public var shiftName: String
    /// Start of the shift, nanoseconds since the Unix epoch.
    public var shiftStart: Int64
    /// Day the shift starts on in the plant's time zone, `yyyy-MM-dd`.
    public var day: String
    /// Figures of the shift, all products together, with the shift's calendar time for TEEP.
    public var figures: OEEFigures
    /// Figures per product; the key ``OEERollup/missingKey`` stands for time before the first product change.
    public var figuresByProduct: [String: OEEFigures]
}

extension OEECalculator {
    /// One record per shift of the calendar, for roll-ups across machines.
    /// - Parameters:
    ///   - machine: machine identifier.
    ///   - tags: tags of the machine.
    ///   - timeZone: time zone that decides which day a shift belongs to.
    ///   - teepCalendarTime: as in ``shiftReports(teepCalendarTime:)``.
    /// - Throws: ``OEEError/arithmeticOverflow(item:)``.
    public func records(
        machine: String, tags: [String: String] = [:], timeZone: TimeZone, teepCalendarTime: Int64? = nil
    ) throws(OEEError) -> [OEERecord] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return try shiftReports(teepCalendarTime: teepCalendarTime).map { report in
            let start = Date(timeIntervalSince1970: Double(report.shift.window.start / 1_000_000) / 1_000)
            let parts = calendar.dateComponents([.year, .month, .day], from: start)
            let day = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
            var byProduct: [String: OEEFigures] = [:]
            for (product, figures) in report.figuresByProduct { byProduct[product ?? OEERollup.missingKey] = figures }
            return OEERecord(
                machine: machine, tags: tags, shiftName: report.shift.name, shiftStart: report.shift.window.start,
                day: day.description, figures: report.result.figures, figuresByProduct: byProduct)
        }
    }
}
