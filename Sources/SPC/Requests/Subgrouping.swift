/// How samples become the points of a chart or study: one sample per point, consecutive samples
/// by count (`subgroup_size=5`), or time buckets (`subgroup_every=1h`).
public enum Subgrouping: Sendable, Equatable, Codable {
    case none
    /// Consecutive groups of this many samples; a trailing incomplete group is left out (it is
    /// still being collected).
    case count(Int)
    /// Buckets `[from + k·width, from + (k+1)·width)`, nanoseconds; empty buckets give no point.
    case every(Int64)

    /// One point's samples.
    public struct Subgroup: Sendable, Equatable {
        /// Bucket start (time buckets) or time of the first sample, nanoseconds.
        public var start: Int64
        /// The values, in time order.
        public var values: [Double]

        public init(start: Int64, values: [Double]) {
            self.start = start
            self.values = values
        }
    }

    /// Groups time-ordered samples into points.
    /// - Parameters:
    ///   - times: sample times, ascending, nanoseconds.
    ///   - values: the sample values.
    ///   - from: the start of the range, where time buckets begin.
    public func subgroups(times: [Int64], values: [Double], from: Int64) -> [Subgroup] {
        switch self {
        case .none:
            return zip(times, values).map { Subgroup(start: $0, values: [$1]) }
        case .count(let size):
            return stride(from: 0, to: values.count - size + 1, by: size).map { index in
                Subgroup(start: times[index], values: Array(values[index..<index + size]))
            }
        case .every(let width):
            var groups: [Subgroup] = []
            for (time, value) in zip(times, values) {
                let bucket = Int64(UInt64(bitPattern: time &- from) / UInt64(width))
                let start = from &+ bucket &* width
                if groups.last?.start == start {
                    groups[groups.count - 1].values.append(value)
                } else {
                    groups.append(Subgroup(start: start, values: [value]))
                }
            }
            return groups
        }
    }
}
