/// A reason to doubt a chart or capability study although it computed: the method does not fit
/// the data (`code` is stable for programs, `message` is for people).
public struct ChartWarning: Sendable, Equatable, Codable {
    /// `autocorrelation`, `short_phase1`, `phase1_reduced` or `unstable_process`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Lag-1 autocorrelation above this makes moving-range limits too narrow (Montgomery 7th ed.
    /// §10.4: Shewhart charts on autocorrelated data give far more false alarms than they should).
    public static let autocorrelationLimit = 0.5
    /// Fewer phase I points than this give uncertain limits (Montgomery 7th ed. §6.2: 20 to 25 subgroups).
    public static let phaseOnePoints = 25
    /// Dropping out-of-control points may leave at least this many...
    public static let reducedPhaseOnePoints = 20
    /// ...and drop at most this fraction of phase I.
    public static let droppedFraction = 1.0 / 3.0
    /// Cp/Pp or Cpk/Ppk above this: the within-subgroup σ is far below the overall σ, the process
    /// is not in control and the C indices overstate what it delivers (AIAG SPC manual, 2nd ed.).
    public static let capabilityRatio = 1.5

    /// The lag-1 autocorrelation of `values` (nil below three values or for a constant series):
    /// r1 = Σ(xᵢ − x̄)(xᵢ₊₁ − x̄) / Σ(xᵢ − x̄)² (Box, Jenkins and Reinsel, Time Series Analysis, §2.1.5).
    public static func lagOneAutocorrelation(_ values: [Double]) -> Double? {
        guard values.count >= 3 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        var numerator = 0.0
        var denominator = 0.0
        for index in values.indices {
            let deviation = values[index] - mean
            denominator += deviation * deviation
            if index + 1 < values.count { numerator += deviation * (values[index + 1] - mean) }
        }
        return denominator > 0 ? numerator / denominator : nil
    }
}

extension ChartAnalysis {
    /// Where the chart's method does not fit its data: autocorrelated individuals, a short phase I,
    /// a phase I that dropping out-of-control points reduced too far.
    public var warnings: [ChartWarning] {
        var warnings: [ChartWarning] = []
        if type == .individuals, let r1 = ChartWarning.lagOneAutocorrelation(primary.statistics.compactMap { $0 }),
            r1 > ChartWarning.autocorrelationLimit
        {
            warnings.append(
                ChartWarning(
                    code: "autocorrelation",
                    message:
                        "the values' lag-1 autocorrelation is \(Self.rounded(r1)) (above \(ChartWarning.autocorrelationLimit)): limits from the moving range are too narrow for a signal that drifts, so most points look out of control; use an EWMA chart, a chart of time buckets (subgroup_every) or a chart of residuals"
                ))
        }
        let points = phaseOne.count
        if points < ChartWarning.phaseOnePoints {
            warnings.append(
                ChartWarning(
                    code: "short_phase1",
                    message: "phase I has \(points) points; limits from fewer than \(ChartWarning.phaseOnePoints) are uncertain: widen phase I"))
        }
        let kept = points - excluded.count
        if !excluded.isEmpty, kept < ChartWarning.reducedPhaseOnePoints || Double(excluded.count) > Double(points) * ChartWarning.droppedFraction {
            warnings.append(
                ChartWarning(
                    code: "phase1_reduced",
                    message:
                        "dropping out-of-control points left \(kept) of \(points) phase I points: the limits describe a small, quiet part of the data; find the causes of the dropped points instead"
                ))
        }
        return warnings
    }

    private static func rounded(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }
}

extension ProcessCapability {
    /// Where the study does not describe the process: Cp/Pp or Cpk/Ppk above 1.5.
    public var warnings: [ChartWarning] {
        for (name, within, overall) in [("Cp/Pp", cp, pp), ("Cpk/Ppk", cpk, ppk)] {
            guard let within, let overall, overall > 0, within / overall > ChartWarning.capabilityRatio else { continue }
            return [
                ChartWarning(
                    code: "unstable_process",
                    message:
                        "\(name) is \(String((within / overall * 100).rounded() / 100)) (above \(ChartWarning.capabilityRatio)): the within-subgroup sigma is far below the overall sigma, the process is not in control, and Cp and Cpk overstate what it delivers; rely on Pp and Ppk"
                )
            ]
        }
        return []
    }
}
