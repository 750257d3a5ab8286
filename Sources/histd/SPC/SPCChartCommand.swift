import ArgumentParser
import Foundation
import SPC

/// `histd spc chart`: one control chart of a CSV file, printed as JSON.
struct SPCChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Compute a control chart and its out-of-control signals.",
        discussion: """
            FILE rows: xbar-r and xbar-s one subgroup per row; imr, ewma, cusum and c one value per row;
            p, np and laney-p rows "defectives,size"; u and laney-u rows "defects,units"; g one count of units
            between events per row; t one time between events (> 0) per row; zmr rows "part,value" (the part
            any text). Rows are 0-based.

            With --url instead of FILE, a running daemon computes the chart on a stored series (GET /api/v1/spc/chart, \
            docs/http-api.md) and its JSON answer is printed: give --measurement, --field, --from and the subgrouping.
            """
    )

    @Option(help: "Chart type: xbar-r, xbar-s, imr, p, np, c, u, ewma, cusum, laney-p, laney-u, g, t or zmr.")
    var type: String

    @Option(name: .customLong("phase1"), help: "Rows A to B-1 (0-based, A:B) estimate the limits; default all rows.")
    var phaseOne: String?

    @Option(help: "Run rules: we (Western Electric 1-4), nelson (Nelson 1-8) or none.")
    var rules: String = "none"

    @Option(help: "Known center (mean; p for p and np; c or u for c and u).")
    var center: Double?

    @Option(help: "Known process standard deviation (variables charts).")
    var sigma: Double?

    @Option(help: "EWMA weight lambda, in (0, 1].")
    var lambda: Double = 0.2

    @Option(name: .customLong("L"), help: "EWMA limit width in sigmas of the EWMA statistic.")
    var width: Double = 3

    @Option(help: "CUSUM reference value k, in sigmas.")
    var k: Double = 0.5

    @Option(help: "CUSUM decision interval h, in sigmas.")
    var h: Double = 5

    @Option(name: .customLong("head-start"), help: "CUSUM fast initial response, as a fraction of h in [0, 1).")
    var headStart: Double = 0

    @Option(name: .customLong("sigma-method"), help: "Sigma estimator: rbar, sbar, mr or sd.")
    var sigmaMethod: String?

    @Option(help: "t chart: the distribution fitted to the times, exponential or weibull (maximum likelihood).")
    var distribution: String = "exponential"

    @Option(name: .customLong("sigma-by"), help: "zmr chart: each part's own sigma (part) or one pooled over all parts (constant).")
    var sigmaBy: String = "part"

    @Flag(name: .customLong("drop-out-of-control"), help: "Drop phase I points beyond the limits and re-estimate (Shewhart charts).")
    var dropOutOfControl = false

    @OptionGroup var daemon: SPCSeriesOptions

    @Option(name: .customLong("subgroup-size"), help: "With --url: points are consecutive groups of N samples.")
    var subgroupSize: Int?

    @Option(name: .customLong("sample-size"), help: "With --url: items inspected per sample (p, np, u charts).")
    var sampleSize: Int?

    @Argument(help: "The CSV file (or --url).")
    var file: String?

    func validate() throws {
        guard (file == nil) != (daemon.url == nil) else { throw ValidationError("give either FILE (a CSV file) or --url (a running daemon)") }
    }

    func run() throws {
        if daemon.url != nil {
            try chartInDaemon()
            return
        }
        let file = file ?? ""
        guard let parsedDistribution = TimeBetweenEventsDistribution(rawValue: distribution) else {
            throw SPCInputError(item: "--distribution", message: "\"\(distribution)\" is not one of exponential, weibull")
        }
        guard let parsedSigmaBy = ShortRunSigma(rawValue: sigmaBy) else {
            throw SPCInputError(item: "--sigma-by", message: "\"\(sigmaBy)\" is not one of part, constant")
        }
        let request = ChartRequest(
            type: try parseType(), options: try chartOptions(), lambda: lambda, width: width, k: k, h: h,
            headStart: headStart, distribution: parsedDistribution, sigmaBy: parsedSigmaBy)
        do {
            try request.validate()
        } catch {
            if case .unsupportedOption(let name, let reason) = error {
                throw SPCInputError(item: "--\(name)", message: reason)
            }
            throw SPCInputError(item: file, message: error.description)
        }
        let input: ChartInput
        if request.type == .zmr {
            let table = try CSVPartValueTable(contentsOf: file)
            input = .partValues(parts: table.parts, values: table.values)
        } else {
            input = try Self.input(of: CSVNumberTable(contentsOf: file), for: request.type)
        }
        do {
            try SPCOutput.write(request.analyze(input))
        } catch let error as SPCError {
            throw error.inputError(file: file)
        }
    }

    /// Sends the chart's settings to the daemon of `--url` and prints its answer.
    private func chartInDaemon() throws {
        _ = try parseType()
        var parameters = try daemon.parameters() + [("type", type), ("rules", rules)]
        if let subgroupSize { parameters.append(("subgroup_size", "\(subgroupSize)")) }
        if let sampleSize { parameters.append(("sample_size", "\(sampleSize)")) }
        if let phaseOne { parameters.append(("phase1", phaseOne)) }
        if let center { parameters.append(("center", "\(center)")) }
        if let sigma { parameters.append(("sigma", "\(sigma)")) }
        if let sigmaMethod { parameters.append(("sigma_method", sigmaMethod)) }
        if dropOutOfControl { parameters.append(("drop_out_of_control", "true")) }
        switch type {
        case "ewma": parameters += [("lambda", "\(lambda)"), ("L", "\(width)")]
        case "cusum": parameters += [("k", "\(k)"), ("h", "\(h)"), ("head_start", "\(headStart)")]
        case "t": parameters.append(("distribution", distribution))
        case "zmr": parameters.append(("sigma_by", sigmaBy))
        default: break
        }
        try daemon.printAnswer(of: "/api/v1/spc/chart", parameters)
    }

    func parseType() throws -> ChartType {
        guard let chartType = ChartType(rawValue: type) else {
            throw SPCInputError(item: "--type", message: "\"\(type)\" is not one of \(ChartType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return chartType
    }

    func chartOptions() throws -> ChartOptions {
        let ruleSet: RunRuleSet
        switch rules {
        case "we": ruleSet = .westernElectric
        case "nelson": ruleSet = .nelson
        case "none": ruleSet = .none
        default: throw SPCInputError(item: "--rules", message: "\"\(rules)\" is not one of we, nelson, none")
        }
        var method: SigmaMethod?
        if let sigmaMethod {
            guard let parsed = SigmaMethod(rawValue: sigmaMethod), [.rbar, .sbar, .mr, .sd].contains(parsed) else {
                throw SPCInputError(item: "--sigma-method", message: "\"\(sigmaMethod)\" is not one of rbar, sbar, mr, sd")
            }
            method = parsed
        }
        let standards = center == nil && sigma == nil ? nil : KnownStandards(center: center, sigma: sigma)
        return ChartOptions(
            phaseOne: try phaseOne.map(Self.parseWindow), dropOutOfControl: dropOutOfControl,
            standards: standards, sigmaMethod: method, rules: ruleSet)
    }

    static func parseWindow(_ text: String) throws -> Range<Int> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower >= 0, lower < upper else {
            throw SPCInputError(item: "--phase1", message: "\"\(text)\" is not A:B with 0 <= A < B")
        }
        return lower..<upper
    }

    /// The rows of `table` as the input `chartType` takes; zmr rows, whose parts are text, are read
    /// by ``CSVPartValueTable`` instead.
    static func input(of table: CSVNumberTable, for chartType: ChartType) throws -> ChartInput {
        switch chartType {
        case .xbarR, .xbarS:
            return .subgroups(table.rows)
        case .individuals, .ewma, .cusum, .c, .g, .t:
            return .values(try table.singleColumn())
        case .p, .np, .laneyP:
            let (defectives, sizes) = try table.pairs("defectives", "size")
            return .counts(defectives, sizes: sizes)
        case .u, .laneyU:
            let (defects, units) = try table.pairs("defects", "units")
            return .counts(defects, sizes: units)
        case .zmr:
            throw SPCInputError(item: table.file, message: "zmr rows \"part,value\" hold text parts: read them with CSVPartValueTable")
        }
    }
}
