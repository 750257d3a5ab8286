import ArgumentParser
import SPC

/// `histd spc multivariate`: a Hotelling T² or PCA (T² and SPE) chart of a CSV file of named variables.
struct SPCMultivariateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multivariate",
        abstract: "Hotelling T² chart (individuals or subgroups) or PCA chart (T² and SPE) of several variables.",
        discussion: """
            FILE has a header row of variable names and one observation per row. With --url instead of FILE, a running \
            daemon computes the chart on stored fields of one measurement and tag set, aligned on --every buckets \
            (GET /api/v1/spc/multivariate). See docs/spc.md.
            """
    )

    @Option(help: "t2 (Hotelling T²) or pca (T² and SPE of principal components).")
    var method: String = "t2"

    @Option(name: .customLong("subgroup-size"), help: "t2: consecutive rows per subgroup (1: individual observations).")
    var subgroupSize: Int = 1

    @Option(name: .customLong("phase1"), help: "Points A to B-1 (0-based, A:B; subgroups when they are formed) estimate the model; default all.")
    var phaseOne: String?

    @Option(help: "False-alarm probability per point (t2: default 1 - (1 - 0.0027)^p; pca: default 0.01).")
    var alpha: Double?

    @Option(help: "pca: the number of principal components kept.")
    var components: Int?

    @Option(help: "pca: keep the fewest components whose eigenvalues reach this fraction of the total.")
    var variance: Double?

    @OptionGroup var daemon: SPCSeriesOptions

    @Option(help: "With --url: the fields (variables), comma-separated.")
    var fields: String?

    @Option(help: "With --url: the bucket width that aligns the fields, e.g. 1m.")
    var every: String?

    @Argument(help: "The CSV file (or --url).")
    var file: String?

    func validate() throws {
        guard (file == nil) != (daemon.url == nil) else { throw ValidationError("give either FILE (a CSV file) or --url (a running daemon)") }
    }

    func run() throws {
        if daemon.url != nil {
            guard let fields, let every else { throw ValidationError("--url needs --fields and --every (the variables and their buckets)") }
            var parameters = try daemon.parameters(needsField: false) + [("fields", fields), ("every", every), ("method", method)]
            if subgroupSize > 1 { parameters.append(("subgroup_size", "\(subgroupSize)")) }
            if let phaseOne { parameters.append(("phase1", phaseOne)) }
            if let alpha { parameters.append(("alpha", "\(alpha)")) }
            if let components { parameters.append(("components", "\(components)")) }
            if let variance { parameters.append(("variance", "\(variance)")) }
            try daemon.printAnswer(of: "/api/v1/spc/multivariate", parameters)
            return
        }
        let file = file ?? ""
        let window = try phaseOne.map(SPCChartCommand.parseWindow)
        switch method {
        case "t2":
            guard components == nil, variance == nil else {
                throw SPCInputError(item: components == nil ? "--variance" : "--components", message: "applies only to --method pca")
            }
            guard subgroupSize >= 1 else { throw SPCInputError(item: "--subgroup-size", message: "\(subgroupSize) must be at least 1") }
            let table = try CSVVariableTable(contentsOf: file)
            do {
                let chart =
                    subgroupSize == 1
                    ? try HotellingT2Chart.individuals(table.observations, phaseOne: window, alpha: alpha)
                    : try HotellingT2Chart.subgroups(table.observations, size: subgroupSize, phaseOne: window, alpha: alpha)
                try SPCOutput.write(chart)
            } catch let error as SPCError {
                throw error.inputError(file: file)
            }
        case "pca":
            guard subgroupSize == 1 else { throw SPCInputError(item: "--subgroup-size", message: "applies only to --method t2") }
            let selection: ComponentSelection
            switch (components, variance) {
            case (let count?, nil): selection = .count(count)
            case (nil, let fraction?): selection = .varianceFraction(fraction)
            default: throw SPCInputError(item: "--components/--variance", message: "give exactly one of them")
            }
            let table = try CSVVariableTable(contentsOf: file)
            do {
                try SPCOutput.write(PCAChart.analyze(table.observations, components: selection, phaseOne: window, alpha: alpha ?? 0.01))
            } catch let error as SPCError {
                throw error.inputError(file: file)
            }
        default:
            throw SPCInputError(item: "--method", message: "\"\(method)\" is not t2 or pca")
        }
    }
}
