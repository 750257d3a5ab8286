/// One planned shift of a work unit: a named window `[start, end)` with planned breaks inside it.
///
/// Planned production time (ISO 22400-2:2014 "planned busy time", PBT) is the shift length minus
/// its breaks; the breaks are planned downtime and count against neither availability nor TEEP's
/// loading. The length is the true elapsed time, so a shift across a daylight-saving change is one
/// hour shorter or longer than its wall-clock span.
public struct Shift: Hashable, Sendable {
    /// Display name, for example "Night" or "2026-03-28 Night".
    public let name: String
    /// The shift window, nanoseconds since the Unix epoch.
    public let window: TimeWindow
    /// Planned breaks, sorted by start, disjoint, each inside ``window``.
    public let breaks: [TimeWindow]
    /// The parts of ``window`` outside every break, sorted: planned production time is their sum.
    public let productiveWindows: [TimeWindow]

    /// Creates a shift and checks it.
    /// - Parameters:
    ///   - name: display name, used in error messages and reports.
    ///   - window: `[start, end)` in nanoseconds since the Unix epoch.
    ///   - breaks: planned breaks in any order.
    /// - Throws: ``OEEError/emptyWindow(item:start:end:)`` for an empty shift or break,
    ///   ``OEEError/breakOutsideShift(shift:breakIndex:)``, ``OEEError/breaksOverlap(shift:first:second:)``.
    public init(name: String, window: TimeWindow, breaks: [TimeWindow] = []) throws(OEEError) {
        self.name = name
        self.window = try window.validated(item: "shift \(name)")
        for (index, plannedBreak) in breaks.enumerated() {
            _ = try plannedBreak.validated(item: "shift \(name): break \(index)")
            guard window.contains(plannedBreak) else { throw .breakOutsideShift(shift: name, breakIndex: index) }
        }
        let order = breaks.indices.sorted { breaks[$0].start < breaks[$1].start }
        for (previous, next) in zip(order, order.dropFirst()) where breaks[previous].overlaps(breaks[next]) {
            throw .breaksOverlap(shift: name, first: min(previous, next), second: max(previous, next))
        }
        self.breaks = order.map { breaks[$0] }
        var productive: [TimeWindow] = []
        var cursor = window.start
        for plannedBreak in self.breaks {
            if plannedBreak.start > cursor { productive.append(TimeWindow(start: cursor, end: plannedBreak.start)) }
            cursor = plannedBreak.end
        }
        if window.end > cursor { productive.append(TimeWindow(start: cursor, end: window.end)) }
        self.productiveWindows = productive
    }

    /// Planned production time in nanoseconds: shift length minus planned breaks.
    public var plannedProductionTime: Int64 {
        productiveWindows.reduce(0) { $0 + $1.duration }
    }
}
