extension OEECalculator {
    /// One report per shift of the calendar, in calendar order; shifts after the horizon have zero
    /// planned time so far.
    /// - Parameter teepCalendarTime: nanoseconds of calendar time TEEP of one shift is measured
    ///   against; nil for the shift's elapsed length up to the horizon.
    /// - Throws: ``OEEError/arithmeticOverflow(item:)`` when ideal cycle time times parts does not fit.
    public func shiftReports(teepCalendarTime: Int64? = nil) throws(OEEError) -> [ShiftReport] {
        var reports: [ShiftReport] = []
        reports.reserveCapacity(calendar.shifts.count)
        for index in calendar.shifts.indices {
            reports.append(try report(ofShift: index, teepCalendarTime: teepCalendarTime))
        }
        return reports
    }

    /// The report of the shift holding `instant` (typically the shift in progress), if any.
    /// - Throws: ``OEEError/arithmeticOverflow(item:)``.
    public func report(at instant: Int64) throws(OEEError) -> ShiftReport? {
        guard let index = calendar.shiftIndex(containing: instant) else { return nil }
        return try report(ofShift: index, teepCalendarTime: nil)
    }

    private func report(ofShift index: Int, teepCalendarTime: Int64?) throws(OEEError) -> ShiftReport {
        let shift = calendar.shifts[index]
        var byProduct: [String?: OEEFigures] = [:]
        for (product, tally) in tallies[index] {
            byProduct[product] = try figures(of: tally, product: product, shift: index)
        }
        var figures = byProduct.values.reduce(OEEFigures(), +)
        figures.calendarTime = teepCalendarTime ?? elapsedTime(of: shift)
        return ShiftReport(
            shiftIndex: index, shift: shift, result: OEEResult(figures: figures), figuresByProduct: byProduct)
    }

    private func elapsedTime(of shift: Shift) -> Int64 {
        max(0, min(shift.window.end, horizon) - shift.window.start)
    }

    private func figures(of tally: TimeTally, product: String?, shift: Int) throws(OEEError) -> OEEFigures {
        let idealCycleTime = configuration.idealCycleTime(for: product)
        let good = tally.good.multipliedReportingOverflow(by: idealCycleTime)
        let reject = tally.reject.multipliedReportingOverflow(by: idealCycleTime)
        guard !good.overflow, !reject.overflow, !good.partialValue.addingReportingOverflow(reject.partialValue).overflow
        else { throw .arithmeticOverflow(item: "shift \(calendar.shifts[shift].name)") }
        var figures = OEEFigures()
        figures.plannedProductionTime = tally.plannedTime
        figures.runTime = tally.runTime
        figures.smallStopTime = tally.smallStopTime
        figures.smallStopCount = tally.smallStopCount
        figures.setupTime = tally.setupTime
        figures.setupCount = tally.setupCount
        figures.noDataTime = tally.noDataTime
        figures.failureTime = tally.failureTime
        figures.failureCount = tally.failureCount
        figures.downtimeByReason = tally.downtimeByReason
        figures.stopCountByReason = tally.stopCountByReason
        figures.good = tally.good
        figures.reject = tally.reject
        figures.idealTimeOfGood = good.partialValue
        figures.idealTimeOfReject = reject.partialValue
        return figures
    }
}
