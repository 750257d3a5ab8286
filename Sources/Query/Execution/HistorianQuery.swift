import Foundation
import Historian

/// The query layer's reads of a historian: the raw columns of selected series and the rollups of
/// groups of series, under a points budget and with one parallelism policy (``ConcurrentMap``).
/// Front ends translate their requests into these calls and format what comes back.
public struct HistorianQuery: Sendable {
    /// The engine read.
    public let historian: Historian

    public init(historian: Historian) {
        self.historian = historian
    }

    /// Raw reads of at least this many points decode their series on every core at once.
    public static let parallelRawPoints = 4_096

    /// Buckets held at once while a group of many series is merged (about 17 MB): the series of a
    /// group are rolled up in steps of as many as fit, and never fewer than the cores can share.
    static let bucketsPerMergeStep = 100_000

    /// Series rolled up concurrently per merge step for `buckets` buckets per series.
    static func seriesPerMergeStep(buckets: Int) -> Int {
        max(ProcessInfo.processInfo.activeProcessorCount * 2, bucketsPerMergeStep / max(1, buckets))
    }

    /// About how many points `series` hold in `[from, to)`, from chunk statistics alone.
    /// - Throws: ``HistorianError`` for an unknown series.
    public func estimatedPoints(of series: [Series], from: Int64, to: Int64) throws -> Int {
        var total = 0
        for item in series {
            total = total.addingReportingOverflow(try historian.estimatedSampleCount(series: item.id, from: from, to: to)).partialValue
        }
        return total
    }

    /// The samples of each of `series` in `[from, to)` as columns (time order, of equal times the
    /// last written), only those of `qualities` when given. The estimate from chunk statistics is
    /// checked against `budget` before anything is decoded, and the actual count spent after.
    /// - Throws: ``PointsBudget/Exceeded``; ``HistorianError`` for an empty range, an unknown series
    ///   or a corrupt chunk.
    public func columns(of series: [Series], from: Int64, to: Int64, qualities: Set<Quality>? = nil, budget: inout PointsBudget) throws
        -> [SampleColumns]
    {
        let estimate = try estimatedPoints(of: series, from: from, to: to)
        guard estimate <= budget.remaining else {
            throw PointsBudget.Exceeded(points: estimate, remaining: budget.remaining, limit: budget.limit)
        }
        func read(_ item: Series) throws -> SampleColumns {
            let columns = try historian.sampleColumns(series: item.id, from: from, to: to)
            return qualities.map { columns.keeping(qualities: $0) } ?? columns
        }
        let columns = estimate >= Self.parallelRawPoints ? try ConcurrentMap.map(series, read) : try series.map(read)
        // The estimate can fall short for chunks that straddle the range; the budget holds anyway.
        try budget.spend(columns.reduce(0) { $0 + $1.count })
        return columns
    }

    /// The numeric samples of `series` in `[from, to)` of `qualities`, as times and values: what
    /// SPC and OEE computations take.
    /// - Throws: like ``columns(of:from:to:qualities:budget:)``.
    public func numericColumns(of series: Series, from: Int64, to: Int64, qualities: Set<Quality>?, budget: inout PointsBudget) throws -> (
        times: [Int64], values: [Double]
    ) {
        guard let columns = try self.columns(of: [series], from: from, to: to, qualities: qualities, budget: &budget).first else { return ([], []) }
        let values: [Double]
        switch columns.kind {
        case .float: values = columns.bits.map { Double(bitPattern: $0) }
        case .integer: values = columns.bits.map { Double(Int64(bitPattern: $0)) }
        case .unsigned, .boolean: values = columns.bits.map { Double($0) }
        case .string: values = (0..<columns.count).map { columns.value(at: $0).doubleValue }
        }
        return (columns.timestamps, values)
    }

    /// The buckets of each group over `spans` (their buckets one after the other), every bucket
    /// the exact union of the group's members (``RollupBucket/merged(_:)``): count, sum, mean,
    /// stddev, min, max, first, last and, when `timeWeighted`, the time-weighted average and
    /// integral. Members are rolled up concurrently, a bounded number at a time.
    /// - Throws: ``HistorianError`` for a width of zero or less, too many buckets, a corrupt chunk.
    public func rollups(
        of groups: [SeriesGroup], spans: [RollupSpan], timeWeighted: Bool = false, qualities: Set<Quality>? = nil
    ) throws -> [[RollupBucket]] {
        func rollup(_ series: Series) throws -> [RollupBucket] {
            var buckets: [RollupBucket] = []
            for span in spans {
                buckets += try historian.rollup(
                    series: series.id, from: span.from, to: span.to, every: span.every, timeWeighted: timeWeighted, qualities: qualities
                ).buckets
            }
            return buckets
        }
        if groups.allSatisfy({ $0.members.count == 1 }) {
            return try ConcurrentMap.map(groups.compactMap(\.members.first), rollup)
        }
        let perStep = Self.seriesPerMergeStep(buckets: spans.reduce(0) { $0 + $1.bucketCount })
        return try groups.map { group in
            // Every member has the same buckets (the same spans).
            var merged: [RollupBucket] = []
            for start in stride(from: 0, to: group.members.count, by: perStep) {
                let step = Array(group.members[start..<min(group.members.count, start + perStep)])
                for buckets in try ConcurrentMap.map(step, rollup) {
                    guard !merged.isEmpty else {
                        merged = buckets
                        continue
                    }
                    for index in merged.indices where index < buckets.count { merged[index].merge(buckets[index]) }
                }
            }
            return merged
        }
    }
}
