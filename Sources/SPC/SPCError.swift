/// An error raised by the SPC module: invalid input or an impossible request.
///
/// Every case names the item at fault (a 0-based row, subgroup or parameter) so that the message
/// can be shown to the user as it is.
public enum SPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data holds no usable point.
    case emptyData
    /// A value is NaN or infinite. `row` is 0-based.
    case nonFiniteValue(row: Int)
    /// A subgroup has fewer observations than the chart needs (`minimum`). `row` is 0-based.
    case subgroupTooSmall(row: Int, size: Int, minimum: Int)
    /// A subgroup is larger than the tabled constants allow (`maximum`). `row` is 0-based.
    case subgroupTooLarge(row: Int, size: Int, maximum: Int)
    /// A sample size or a number of inspection units is zero, negative or not finite. `row` is 0-based.
    case invalidSampleSize(row: Int, size: Double)
    /// A count (defectives or defects) is negative or not finite. `row` is 0-based.
    case invalidCount(row: Int, count: Double)
    /// A number of defectives exceeds its sample size. `row` is 0-based.
    case countExceedsSampleSize(row: Int, count: Double, size: Double)
    /// The phase I window `lower..<upper` is empty or outside the `count` rows.
    case invalidPhaseOneWindow(lower: Int, upper: Int, count: Int)
    /// A parameter is out of its domain; `name` is the parameter and `reason` says why.
    case invalidParameter(name: String, value: Double, reason: String)
    /// The sigma method cannot be used with this chart or this data.
    case unsupportedSigmaMethod(method: String, reason: String)
    /// The phase I data give a zero or undefined spread, so no limits can be computed.
    case degenerateSpread(reason: String)
    /// The lower specification limit is not below the upper one.
    case invalidSpecification(lower: Double, upper: Double)
    /// No specification limit was given for a capability study.
    case missingSpecification
    /// A chart of type `actual` was given where `expected` is needed (e.g. limits for a monitor).
    case wrongChartType(expected: String, actual: String)
    /// The data given to a ``ChartRequest`` is not the kind its chart type takes.
    case inputMismatch(chart: String, expected: String)
    /// An option does not apply to this chart; `name` is the option and `reason` says why.
    case unsupportedOption(name: String, reason: String)
    /// A time between events is zero, negative or not finite (t chart). `row` is 0-based.
    case nonPositiveTime(row: Int, time: Double)
    /// A part of a short-run chart has `count` phase I values where its estimate needs `minimum`.
    case tooFewPartValues(part: String, count: Int, minimum: Int)
    /// A value must be positive (a Box-Cox transform, a lognormal or Weibull fit); `row` is 0-based.
    case nonPositiveValue(row: Int, value: Double, reason: String)
    /// A gauge study's part-by-operator cell does not hold the `expected` number of measurements
    /// (the number most cells hold) that every cell of a balanced crossed study needs (`count` 0: the
    /// cell is missing).
    case unbalancedCell(part: String, operator: String, count: Int, expected: Int)
    /// The data are too few for the method: `reason` says what is missing.
    case insufficientData(reason: String)
    /// A line of a CSV text is not in the expected form; `line` is 1-based, counting the header.
    case malformedLine(line: Int, reason: String)
    /// A row of a multivariate table has `count` values where the header names `expected` variables. `row` is 0-based.
    case rowLengthMismatch(row: Int, count: Int, expected: Int)
    /// Phase I holds `count` observations (or subgroups) for `variables` variables; the chart needs at least `minimum`.
    case tooFewObservations(count: Int, variables: Int, minimum: Int)
    /// These variables are constant in phase I, so the covariance matrix is singular.
    case constantVariables([String])
    /// `variable` is, in phase I, a linear combination of `others`, so the covariance matrix is singular.
    case collinearVariables(variable: String, others: [String])

    public var description: String {
        switch self {
        case .emptyData:
            return "no data: at least one row is needed"
        case .nonFiniteValue(let row):
            return "row \(row): value is not a finite number"
        case .subgroupTooSmall(let row, let size, let minimum):
            return "row \(row): subgroup of size \(size) is too small (this chart needs at least \(minimum))"
        case .subgroupTooLarge(let row, let size, let maximum):
            return "row \(row): subgroup of size \(size) is too large (range constants exist up to \(maximum); use --sigma-method sbar)"
        case .invalidSampleSize(let row, let size):
            return "row \(row): sample size \(size) must be a positive finite number"
        case .invalidCount(let row, let count):
            return "row \(row): count \(count) must be a non-negative finite number"
        case .countExceedsSampleSize(let row, let count, let size):
            return "row \(row): \(count) defectives exceed the sample size \(size)"
        case .invalidPhaseOneWindow(let lower, let upper, let count):
            return "phase I window \(lower):\(upper) is empty or outside the \(count) rows"
        case .invalidParameter(let name, let value, let reason):
            return "parameter \(name) = \(value): \(reason)"
        case .unsupportedSigmaMethod(let method, let reason):
            return "sigma method \(method): \(reason)"
        case .degenerateSpread(let reason):
            return "cannot compute limits: \(reason)"
        case .invalidSpecification(let lower, let upper):
            return "specification: LSL \(lower) must be below USL \(upper)"
        case .missingSpecification:
            return "specification: give at least one of LSL and USL"
        case .wrongChartType(let expected, let actual):
            return "chart type \(actual) given where \(expected) is needed"
        case .inputMismatch(let chart, let expected):
            return "chart type \(chart) takes \(expected)"
        case .unsupportedOption(let name, let reason):
            return "option \(name): \(reason)"
        case .nonPositiveTime(let row, let time):
            return "row \(row): time between events \(time) must be a positive finite number"
        case .tooFewPartValues(let part, let count, let minimum):
            let purpose = minimum >= 2 ? "for its own σ (sigma by constant pools the moving ranges of all parts)" : "for its mean"
            return "part \(part): \(count) phase I value\(count == 1 ? "" : "s"), at least \(minimum) needed \(purpose)"
        case .nonPositiveValue(let row, let value, let reason):
            return "row \(row): value \(value) must be positive (\(reason))"
        case .unbalancedCell(let part, let `operator`, let count, let expected):
            return count == 0
                ? "gauge study: part \(part), operator \(`operator`) has no measurement (a balanced crossed study needs \(expected) in every cell)"
                : "gauge study: part \(part), operator \(`operator`) has \(count) measurements where most cells have \(expected) (a balanced crossed study needs the same number in every cell)"
        case .insufficientData(let reason):
            return "too few data: \(reason)"
        case .malformedLine(let line, let reason):
            return "line \(line): \(reason)"
        case .rowLengthMismatch(let row, let count, let expected):
            return "row \(row): \(count) values where the header names \(expected) variables"
        case .tooFewObservations(let count, let variables, let minimum):
            return "phase I has \(count) observations for \(variables) variables; at least \(minimum) are needed"
        case .constantVariables(let names):
            let subject = names.count == 1 ? "variable \(names[0]) is" : "variables \(names.joined(separator: ", ")) are"
            return "singular covariance: \(subject) constant in phase I"
        case .collinearVariables(let variable, let others):
            return "singular covariance: variable \(variable) is a linear combination of \(others.joined(separator: ", ")) in phase I (collinear)"
        }
    }
}
