/// Something in an OEE answer that a reader should not take at face value: a figure that cannot be
/// right as configured, or data that is missing. Carried in the answers as `{"code", "message"}`.
public struct OEEWarning: Hashable, Sendable, Encodable {
    /// Performance above 1: more parts than the ideal cycle time allows in the run time, so the
    /// ideal cycle time (of a product) is set too high or counts are wrong.
    public static let performanceAboveOne = "performance_above_one"
    /// Planned time without a known state (`NO_DATA`).
    public static let noData = "no_data"
    /// A series selector of the machine matches no series.
    public static let selectorUnmatched = "selector_unmatched"

    /// Stable identifier of the kind of warning.
    public var code: String
    /// What was found, for people: names the shift, product, counts or series.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The warnings of one shift: performance above 1 for the shift and for each product with its
    /// counts, and time without data.
    public static func warnings(of report: ShiftReport) -> [OEEWarning] {
        let name = report.shift.name
        var found = warnings(of: report.result, context: "shift \(name)")
        if report.figuresByProduct.count > 1 || report.figuresByProduct.keys.contains(where: { $0 != nil }) {
            for (product, figures) in report.figuresByProduct.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
                guard let performance = ratio(figures.idealTimeOfTotal, figures.runTime), performance > 1 else { continue }
                found.append(
                    OEEWarning(
                        code: performanceAboveOne,
                        message:
                            "shift \(name), product \(product ?? "(default)"): performance \(performance) > 1 with \(figures.total) parts "
                            + "(\(figures.good) good, \(figures.reject) rejected) in \(minutes(figures.runTime)) min run time; "
                            + "check this product's ideal cycle time"))
            }
        }
        return found
    }

    /// The warnings of a result (a shift or a roll-up group named by `context`).
    public static func warnings(of result: OEEResult, context: String) -> [OEEWarning] {
        var found: [OEEWarning] = []
        let figures = result.figures
        if let performance = result.performance, performance > 1 {
            found.append(
                OEEWarning(
                    code: performanceAboveOne,
                    message:
                        "\(context): performance \(performance) > 1 with \(figures.total) parts (\(figures.good) good, \(figures.reject) rejected) "
                        + "in \(minutes(figures.runTime)) min run time; the ideal cycle time is set too high or a product's own is missing"))
        }
        if figures.noDataTime > 0 {
            found.append(
                OEEWarning(
                    code: noData,
                    message: "\(context): \(minutes(figures.noDataTime)) min of planned time without data (NO_DATA), counted as availability loss"))
        }
        return found
    }

    private static func minutes(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 60e9 }
}
