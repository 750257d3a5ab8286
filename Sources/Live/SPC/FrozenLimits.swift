import Foundation
import Historian
import Query
import SPC

/// The limits of a chart revision, computed once from its phase I and kept: phase II is judged
/// against them until a new revision computes others.
public struct FrozenLimits: Sendable, Equatable, Codable {
    /// Process center: μ of variables charts and CUSUM, p̄, c̄ or ū of attribute and Laney charts,
    /// ḡ of g charts, the fitted median of t charts.
    public var center: Double
    /// Process σ of variables charts, EWMA, CUSUM, g and t (NaN for attribute and Laney charts).
    public var sigma: Double
    /// Points (subgroups) of phase I.
    public var phaseOnePoints: Int
    /// σ_z of a Laney p' or u' chart; nil for the other types.
    public var sigmaZ: Double?
    /// The fixed lower and upper control limits of a t chart (quantiles of the fitted distribution); nil for the other types.
    public var lower: Double?
    public var upper: Double?
    /// The limit keys of the chart JSON of `/api/v1/spc/chart` for the chart type (`type`,
    /// `center`, `lcl`, `ucl`, `sigma`, `sigma_method`, `secondary`, and `lambda`, `L` or `k`, `h`).
    public var limits: JSONValue
    /// Where the method does not fit phase I's data (autocorrelation, a short phase I...).
    public var warnings: [ChartWarning]

    /// Keys of the chart JSON that describe points rather than limits.
    private static let pointKeys: Set<String> = [
        "statistics", "beyond", "violations", "excluded", "upper", "lower", "signals", "upper_signals", "lower_signals",
    ]

    /// Computes the limits of `definition` from the good samples of `series` in its phase I, without
    /// the excluded ranges.
    /// - Throws: ``LiveError/invalid(key:message:)``: `phase1` when it holds no data or too little
    ///   for the chart, the setting at fault when the chart cannot be computed.
    static func compute(_ definition: ChartDefinition, settings: ChartSettings, series: Series, historian: Historian) throws -> FrozenLimits {
        var budget = PointsBudget(limit: .max)
        let (times, values) = try HistorianQuery(historian: historian).numericColumns(
            of: series, from: definition.phaseOneFrom, to: definition.phaseOneTo, qualities: [.good], budget: &budget)
        let kept = times.indices.filter { !definition.isExcluded(times[$0]) }
        let subgroups = settings.subgrouping.subgroups(
            times: kept.map { times[$0] }, values: kept.map { values[$0] }, from: definition.phaseOneFrom)
        guard !subgroups.isEmpty else {
            throw LiveError.invalid(key: "phase1", message: "phase1 holds no good sample of series \(series.key) (outside the exclusions)")
        }
        let result: ChartResult
        do throws(SPCError) {
            result = try settings.request.analyze(settings.input(of: subgroups))
        } catch {
            throw LiveError.invalid(key: "phase1", message: "the limits cannot be computed from phase1: \(error)")
        }
        let center: Double
        let sigma: Double
        var warnings: [ChartWarning] = []
        var sigmaZ: Double?
        var tLimits: (lower: Double, upper: Double)?
        switch result {
        case .analysis(let analysis):
            warnings = analysis.warnings
            center = analysis.processCenter
            let attribute: Set<ChartType> = [.p, .np, .c, .u, .laneyP, .laneyU]
            sigma = attribute.contains(analysis.type) ? .nan : analysis.sigma
            sigmaZ = analysis.laneySigmaZ
            if analysis.type == .t { tLimits = (analysis.primary.lower[0], analysis.primary.upper[0]) }
        case .cusum(let chart):
            center = chart.center
            sigma = chart.sigma
        }
        guard case .object(var members) = try JSONValue.parse(Array(try SPCJSON.encode(result))) else {
            throw LiveError.storage("the chart of phase1 did not encode as an object")
        }
        for key in pointKeys { members[key] = nil }
        if case .object(var secondary)? = members["secondary"] {
            for key in pointKeys { secondary[key] = nil }
            members["secondary"] = .object(secondary)
        }
        return FrozenLimits(
            center: center, sigma: sigma, phaseOnePoints: subgroups.count, sigmaZ: sigmaZ, lower: tLimits?.lower, upper: tLimits?.upper,
            limits: .object(members), warnings: warnings)
    }
}
