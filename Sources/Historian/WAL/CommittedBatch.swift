/// Samples that are durable under the durability setting, in write order, as the commit hook
/// (``Historian/addCommitObserver(_:)``) hands them out.
public struct CommittedBatch: Sendable {
    let samples: [RawSample]
    let kinds: [ValueKind]

    /// The number of samples.
    public var count: Int { samples.count }

    /// The series of sample `index`.
    public func series(at index: Int) -> SeriesID { samples[index].series }

    /// The time of sample `index`, ns since the Unix epoch.
    public func timestamp(at index: Int) -> Int64 { samples[index].timestamp }

    /// The quality of sample `index`.
    public func quality(at index: Int) -> Quality { Quality(rawValue: samples[index].quality) ?? .bad }

    /// The value of sample `index` as a number (true 1, false 0); nil for a string series, whose
    /// texts the catalog holds (read them with the queries).
    public func number(at index: Int) -> Double? {
        let sample = samples[index]
        switch kinds[Int(sample.series) - 1] {
        case .float: return Double(bitPattern: sample.bits)
        case .integer: return Double(Int64(bitPattern: sample.bits))
        case .unsigned: return Double(sample.bits)
        case .boolean: return sample.bits == 0 ? 0 : 1
        case .string: return nil
        }
    }
}

extension Historian {
    /// Registers `observer` for every batch written from now on, called once the batch is durable
    /// (under ``HistorianOptions/durability``), before its writer is acknowledged, outside the
    /// engine's locks; the batches of one writer arrive in write order. The observer must be quick
    /// and must not write to this historian (it would wait for itself); hand work to a queue.
    /// - Returns: the id that ``removeCommitObserver(_:)`` takes.
    public func addCommitObserver(_ observer: @escaping @Sendable (CommittedBatch) -> Void) -> Int {
        commits.add(observer)
    }

    /// Stops calling the observer registered under `id`.
    public func removeCommitObserver(_ id: Int) {
        commits.remove(id)
    }
}
