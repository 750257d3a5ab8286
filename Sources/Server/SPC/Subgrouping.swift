import Historian
import Hummingbird
import Time

/// How samples become the points of a chart or study: one sample per point, consecutive samples
/// by count (`subgroup_size=5`), or time buckets (`subgroup_every=1h`).
enum Subgrouping: Sendable, Equatable {
    case none
    /// Consecutive groups of this many samples; a trailing incomplete group is left out (it is
    /// still being collected).
    case count(Int)
    /// Buckets `[from + k·width, from + (k+1)·width)`, nanoseconds; empty buckets give no point.
    case every(Int64)

    /// One point's samples.
    struct Subgroup: Sendable {
        /// Bucket start (time buckets) or time of the first sample.
        var start: Int64
        var values: [Double]
    }

    /// Reads `subgroup_size` and `subgroup_every`.
    /// - Throws: a 400 ``APIError`` naming the parameter: both given, not a positive integer, not a duration.
    init(_ parameters: Parameters) throws {
        let size = try parameters.positiveInteger("subgroup_size")
        let every = parameters.get("subgroup_every")
        switch (size, every) {
        case (.some, .some):
            throw APIError.badRequest("give subgroup_size or subgroup_every, not both")
        case (let size?, nil):
            self = .count(size)
        case (nil, let text?):
            guard let width = DurationText.nanoseconds(text), width > 0 else {
                throw APIError.badRequest("subgroup_every '\(text)' is not a duration like 1h or 15m")
            }
            self = .every(width)
        case (nil, nil):
            self = .none
        }
    }

    /// Groups time-ordered samples into points.
    /// - Parameters:
    ///   - times: sample times, ascending, nanoseconds.
    ///   - values: the sample values.
    ///   - from: the start of the range, where time buckets begin.
    func subgroups(times: [Int64], values: [Double], from: Int64) -> [Subgroup] {
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
