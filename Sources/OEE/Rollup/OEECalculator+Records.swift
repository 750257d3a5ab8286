import Foundation

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
