extension OEECalculator {
    /// Adds `sign` times the contribution of the planned production time in `span` (clipped to
    /// the calendar and the horizon) to the tallies: each piece of constant shift, product and
    /// state interval counts as run, small stop or availability loss.
    mutating func accumulateTime(in span: TimeWindow, sign: Int64) {
        let low = max(span.start, calendar.start)
        let high = min(span.end, horizon)
        guard low < high else { return }
        var shiftIndex = calendar.firstShiftIndex(endingAfter: low)
        while shiftIndex < calendar.shifts.count, calendar.shifts[shiftIndex].window.start < high {
            for window in calendar.shifts[shiftIndex].productiveWindows {
                let start = max(window.start, low)
                let end = min(window.end, high)
                if start < end { accumulatePieces(from: start, to: end, shift: shiftIndex, sign: sign) }
            }
            shiftIndex += 1
        }
    }

    /// Walks `[start, end)`, which lies inside one productive window of shift `shift`.
    private mutating func accumulatePieces(from start: Int64, to end: Int64, shift: Int, sign: Int64) {
        var instant = start
        var interval = states.interval(containing: start)
        var segment = products.segment(containing: start)
        while instant < end {
            let pieceEnd = min(interval.end, segment.end, end)
            let startsStop = startsOccurrence(of: interval, at: instant, windowStart: start)
            let timeClass = TimeClass(interval, configuration: configuration)
            tallies[shift][segment.product, default: TimeTally()].add(
                piece: pieceEnd - instant, as: timeClass, startsStop: startsStop, sign: sign)
            removeIfZero(shift: shift, product: segment.product)
            instant = pieceEnd
            guard instant < end else { break }
            if instant == interval.end { interval = states.interval(after: interval) }
            if instant == segment.end { segment = products.segment(containing: instant) }
        }
    }

    /// Drops a tally that returned to zero, so that streaming and batch hold the same entries.
    private mutating func removeIfZero(shift: Int, product: String?) {
        if tallies[shift][product]?.isZero == true { tallies[shift][product] = nil }
    }

    /// Whether `instant`, a piece start inside planned production time, is the first planned
    /// production instant of `interval`: a stop is counted once, in the piece where it first
    /// costs planned time.
    private func startsOccurrence(of interval: StateInterval, at instant: Int64, windowStart: Int64) -> Bool {
        if instant == interval.start { return true }
        guard instant == windowStart, interval.start != Int64.min else { return false }
        return calendar.firstProductiveInstant(atOrAfter: interval.start) == instant
    }

    /// Adds `sign` times every count and counter increment with a timestamp in `span`.
    mutating func accumulateCounts(in span: TimeWindow, sign: Int64) {
        var counted: [(Int64, Int64, Int64)] = []
        ledger.forEachCount(in: span) { counted.append(($0, $1, $2)) }
        for (timestamp, good, reject) in counted {
            addCount(at: timestamp, good: good, reject: reject, sign: sign)
        }
    }

    /// Adds `sign` times the parts of counter reading `index` of `kind`, if it exists.
    mutating func addCounterParts(of kind: CounterSample.Kind, at index: Int, sign: Int64) {
        let samples = ledger.samples(of: kind)
        guard index < samples.count else { return }
        let parts = ledger.counterParts(of: kind, at: index)
        addCount(
            at: samples[index].timestamp, good: kind == .good ? parts : 0, reject: kind == .reject ? parts : 0,
            sign: sign)
    }

    /// Adds parts to the tally of the shift holding `timestamp` and the product made then.
    mutating func addCount(at timestamp: Int64, good: Int64, reject: Int64, sign: Int64) {
        guard good != 0 || reject != 0, let shift = calendar.shiftIndex(containing: timestamp) else { return }
        let product = products.segment(containing: timestamp).product
        tallies[shift][product, default: TimeTally()].good += sign * good
        tallies[shift][product, default: TimeTally()].reject += sign * reject
        removeIfZero(shift: shift, product: product)
    }
}
