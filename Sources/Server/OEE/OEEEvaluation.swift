import Foundation
import Historian
import OEE
import Time

/// Computes `/api/v1/oee`: for each machine, the shifts of its calendar that start in the range,
/// its events from the historian, the OEE calculator's batch result, then the rows of the grouping.
struct OEEEvaluation {
    let historian: Historian
    let request: OEERequest
    let maximumPoints: Int
    /// The current time: states are known up to here, so a shift in progress reports its time so far.
    let now: Int64

    /// - Throws: 422/500 ``APIError`` for data or configuration that cannot give a report, naming the machine.
    func run() throws -> [UInt8] {
        var reports: [(machine: OEEMachineDefinition, report: ShiftReport, record: OEERecord)] = []
        var unmatched: [String: [OEEWarning]] = [:]
        for machine in request.machines {
            let (machineReports, warnings) = try evaluate(machine)
            for (report, record) in machineReports { reports.append((machine, report, record)) }
            if !warnings.isEmpty { unmatched[machine.name] = warnings }
        }
        let everyUnmatched = request.machines.flatMap { unmatched[$0.name] ?? [] }
        let records = reports.map(\.record)
        let totalResult = OEERollup.total(records)
        var total = OEESummary(totalResult)
        total.pareto = DowntimePareto(figures: totalResult.figures)
        total.warnings = everyUnmatched + total.warnings
        let rows: OEEAnswer.Rows
        switch request.grouping {
        case .shift:
            rows = .summaries(
                reports.sorted { ($0.report.shift.window.start, $0.machine.name) < ($1.report.shift.window.start, $1.machine.name) }
                    .map { machine, report, record in
                        var summary = OEESummary(report)
                        summary.machine = machine.name
                        summary.line = machine.line
                        summary.day = record.day
                        summary.start = RFC3339.format(report.shift.window.start)
                        summary.end = RFC3339.format(report.shift.window.end)
                        summary.pareto = DowntimePareto(figures: report.result.figures)
                        summary.warnings = (unmatched[machine.name] ?? []) + summary.warnings
                        return summary
                    })
        case .reason:
            rows = .pareto(DowntimePareto(figures: totalResult.figures))
        case .shiftName, .day, .machine, .line:
            rows = .summaries(
                OEERollup.rollUp(records, by: request.grouping.dimension ?? .machine).map { row in
                    var summary = OEESummary(row.result, context: "\(request.grouping.rawValue) \(row.key)")
                    summary.group = row.key
                    summary.pareto = DowntimePareto(figures: row.result.figures)
                    let members = request.machines.filter { machine in
                        switch request.grouping {
                        case .machine: machine.name == row.key
                        case .line: machine.line == row.key
                        default: true
                        }
                    }
                    summary.warnings = members.flatMap { unmatched[$0.name] ?? [] } + summary.warnings
                    return summary
                })
        }
        let answer = OEEAnswer(
            from: RFC3339.format(request.from), to: RFC3339.format(request.to), by: request.grouping.rawValue,
            machines: request.machines.map(\.name), rows: rows, total: total)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(answer))
    }

    /// The shift reports and records of one machine, and the warnings of its selectors that match nothing.
    private func evaluate(_ machine: OEEMachineDefinition) throws -> ([(ShiftReport, OEERecord)], [OEEWarning]) {
        let calendar: ShiftCalendar
        let configuration: MachineConfiguration
        do {
            calendar = try machine.calendar.calendar(from: request.from, to: request.to)
            configuration = try machine.machineConfiguration()
        } catch {
            throw APIError(.internalServerError, "machine \(machine.name): its configuration cannot be used: \(error)")
        }
        guard let first = calendar.shifts.first, let last = calendar.shifts.last else { return ([], []) }
        let events: OEEMachineEvents
        let horizon = min(now, last.window.end)
        do {
            events = try OEEMachineEvents.read(
                machine, from: first.window.start, to: last.window.end, horizon: horizon, historian: historian, maximumPoints: maximumPoints)
        } catch let error as HistorianError {
            throw QueryExecution.apiError(error)
        }
        do {
            let calculator = try OEECalculator.batch(
                calendar: calendar, configuration: configuration, stateEvents: events.states, countEvents: events.counts,
                counterSamples: events.counterSamples, productChanges: events.productChanges, horizon: horizon)
            let zone = TimeZone(identifier: machine.calendar.timeZone) ?? .gmt
            let tags = machine.line.map { ["line": $0] } ?? [:]
            let warnings = events.unmatched.map { OEEWarning(code: OEEWarning.selectorUnmatched, message: "machine \(machine.name): \($0)") }
            return (
                zip(try calculator.shiftReports(), try calculator.records(machine: machine.name, tags: tags, timeZone: zone)).map { ($0, $1) },
                warnings
            )
        } catch {
            throw APIError(.unprocessableContent, "machine \(machine.name): \(error)")
        }
    }
}
