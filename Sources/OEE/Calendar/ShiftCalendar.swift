/// The planned shifts of one work unit, sorted and disjoint. Time outside every shift is
/// non-scheduled time: it belongs to no shift and counts in no OEE figure except TEEP's calendar.
public struct ShiftCalendar: Sendable {
    /// The shifts sorted by start.
    public let shifts: [Shift]

    /// Creates a calendar from shifts in any order.
    /// - Throws: ``OEEError/shiftsOverlap(first:second:)`` naming the two shifts that overlap.
    public init(shifts: [Shift]) throws(OEEError) {
        let sorted = shifts.sorted { $0.window.start < $1.window.start }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.window.overlaps(next.window) {
            throw .shiftsOverlap(first: previous.name, second: next.name)
        }
        self.shifts = sorted
    }

    /// Start of the first shift, or 0 for an empty calendar.
    var start: Int64 { shifts.first?.window.start ?? 0 }
    /// End of the last shift, or 0 for an empty calendar.
    var end: Int64 { shifts.last?.window.end ?? 0 }

    /// Index of the first shift whose end is after `instant` (binary search), or `shifts.count`.
    func firstShiftIndex(endingAfter instant: Int64) -> Int {
        var low = 0
        var high = shifts.count
        while low < high {
            let middle = (low + high) / 2
            if shifts[middle].window.end <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Indices of the shifts that overlap `window`.
    public func shiftIndices(overlapping window: TimeWindow) -> Range<Int> {
        let first = firstShiftIndex(endingAfter: window.start)
        var end = first
        while end < shifts.count, shifts[end].window.start < window.end { end += 1 }
        return first..<max(first, end)
    }

    /// Index of the shift whose window holds `instant`, if any.
    public func shiftIndex(containing instant: Int64) -> Int? {
        let index = firstShiftIndex(endingAfter: instant)
        guard index < shifts.count, shifts[index].window.contains(instant) else { return nil }
        return index
    }

    /// The first instant at or after `instant` that lies in planned production time (inside a
    /// shift, outside its breaks), or nil when there is none.
    func firstProductiveInstant(atOrAfter instant: Int64) -> Int64? {
        var index = firstShiftIndex(endingAfter: instant)
        while index < shifts.count {
            for window in shifts[index].productiveWindows where window.end > instant {
                return max(window.start, instant)
            }
            index += 1
        }
        return nil
    }
}
