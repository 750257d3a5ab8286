/// A computed control chart: a Shewhart, attribute or EWMA ``ChartAnalysis``, or a ``CUSUMChart``.
/// Encodes as the wrapped chart does (keys in docs/spc.md).
public enum ChartResult: Sendable, Equatable, Encodable {
    /// Every chart type except CUSUM.
    case analysis(ChartAnalysis)
    /// A tabular CUSUM.
    case cusum(CUSUMChart)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .analysis(let analysis): try analysis.encode(to: encoder)
        case .cusum(let chart): try chart.encode(to: encoder)
        }
    }
}
