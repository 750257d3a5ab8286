/// Time-weighted average and integral per bucket.
///
/// The signal is reconstructed from ordered samples as a step function (each value holds until
/// the next sample: last observation carried forward) or piecewise linear (trapezoids between
/// neighbouring samples), as OSIsoft PI and ISO 22400-2 time-based KPIs treat step and analog
/// tags; the integral is the area under it, the average the area over the covered time.
enum TimeWeighting {
    static func fill(_ buckets: inout [RollupBucket], samples: [Sample], from: Int64, to: Int64, every: Int64, interpolation: Interpolation) {
        guard !samples.isEmpty else { return }
        var area = [Double](repeating: 0, count: buckets.count)
        var covered = [Double](repeating: 0, count: buckets.count)
        for index in samples.indices {
            let start = samples[index].timestamp
            let end = index + 1 < samples.count ? samples[index + 1].timestamp : to
            let segmentStart = max(start, from)
            let segmentEnd = min(end, to)
            guard segmentStart < segmentEnd else { continue }
            let startValue = samples[index].value.doubleValue
            let endValue = index + 1 < samples.count ? samples[index + 1].value.doubleValue : startValue
            func value(at time: Int64) -> Double {
                guard interpolation == .linear, end > start else { return startValue }
                return startValue + (endValue - startValue) * (Historian.span(start, time) / Historian.span(start, end))
            }
            var bucket = Int(UInt64(bitPattern: segmentStart &- from) / UInt64(every))
            var cursor = segmentStart
            while cursor < segmentEnd && bucket < buckets.count {
                let pieceEnd = min(segmentEnd, buckets[bucket].end)
                let duration = Historian.span(cursor, pieceEnd)
                area[bucket] += (value(at: cursor) + value(at: pieceEnd)) / 2 * duration
                covered[bucket] += duration
                cursor = pieceEnd
                bucket += 1
            }
        }
        for index in buckets.indices where covered[index] > 0 {
            buckets[index].integral = area[index] / 1e9
            buckets[index].timeWeightedAverage = area[index] / covered[index]
            buckets[index].coveredSeconds = covered[index] / 1e9
        }
    }
}
