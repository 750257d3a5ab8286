import ArgumentParser
import Foundation
import SPC

/// `histd spc capability`: a process capability study of a CSV file, printed as JSON.
struct SPCCapabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capability",
        abstract: "Compute Cp, Cpk, Pp, Ppk, Cpm, PPM and an Anderson-Darling normality test.",
        discussion: """
            FILE holds one value per row, or with --subgroup-size N one subgroup of N values per row.
            --transform boxcox computes every index on Box-Cox transformed values and limits; --distribution lognormal,
            weibull or normal adds the ISO 22514-2 percentile-method indices of a fitted distribution. See docs/spc.md.
            With --url instead of FILE, a running daemon computes the study on a stored series (GET /api/v1/spc/capability; \
            the series' spec limits from its metadata when --lsl/--usl are not given).
            """
    )

    @Option(help: "Lower specification limit.")
    var lsl: Double?

    @Option(help: "Upper specification limit.")
    var usl: Double?

    @Option(help: "Target, for Cpm.")
    var target: Double?

    @Option(name: .customLong("subgroup-size"), help: "Values per row (1: individual values).")
    var subgroupSize: Int = 1

    @Option(name: .customLong("sigma-method"), help: "Within sigma: mr (default for individual values), rbar (default for subgroups) or sbar.")
    var sigmaMethod: String?

    @Option(help: "Confidence level of the Cpk interval.")
    var confidence: Double = 0.95

    @Option(help: "Transform the values and limits before the study: boxcox.")
    var transform: String?

    @Option(help: "Box-Cox λ (default: the maximum-likelihood λ in [-5, 5]).")
    var lambda: Double?

    @Option(help: "Fit lognormal, weibull or normal and add its percentile-method indices (\"distribution\").")
    var distribution: String?

    @OptionGroup var daemon: SPCSeriesOptions

    @Argument(help: "The CSV file (or --url).")
    var file: String?

    func validate() throws {
        guard (file == nil) != (daemon.url == nil) else { throw ValidationError("give either FILE (a CSV file) or --url (a running daemon)") }
    }

    func run() throws {
        if daemon.url != nil {
            var parameters = try daemon.parameters()
            for (name, value) in [("lsl", lsl), ("usl", usl), ("target", target), ("confidence", confidence)] {
                if let value { parameters.append((name, "\(value)")) }
            }
            if subgroupSize > 1 { parameters.append(("subgroup_size", "\(subgroupSize)")) }
            for (name, value) in [("sigma_method", sigmaMethod), ("transform", transform), ("distribution", distribution)] {
                if let value { parameters.append((name, value)) }
            }
            if let lambda { parameters.append(("lambda", "\(lambda)")) }
            try daemon.printAnswer(of: "/api/v1/spc/capability", parameters)
            return
        }
        let file = file ?? ""
        let specification: SpecificationLimits
        do {
            specification = try SpecificationLimits(lower: lsl, upper: usl, target: target)
        } catch {
            throw SPCInputError(item: "--lsl/--usl", message: error.description)
        }
        guard subgroupSize >= 1 else {
            throw SPCInputError(item: "--subgroup-size", message: "\(subgroupSize) must be at least 1")
        }
        let method = try parseMethod()
        let nonNormal = try parseNonNormal()
        let table = try CSVNumberTable(contentsOf: file)
        var study: ProcessCapability
        do {
            if subgroupSize == 1 {
                let values = try table.singleColumn()
                study =
                    nonNormal.boxCox
                    ? try CapabilityStudy.boxCoxIndividuals(values, specification: specification, lambda: lambda, confidenceLevel: confidence)
                    : try CapabilityStudy.individuals(values, specification: specification, confidenceLevel: confidence)
            } else {
                for (row, values) in table.rows.enumerated() where values.count != subgroupSize {
                    throw SPCInputError(
                        item: CSVNumberTable.location(file, row),
                        message: "expected a subgroup of \(subgroupSize) values, found \(values.count)")
                }
                study =
                    nonNormal.boxCox
                    ? try CapabilityStudy.boxCoxSubgroups(
                        table.rows, specification: specification, lambda: lambda, sigmaMethod: method, confidenceLevel: confidence)
                    : try CapabilityStudy.subgroups(table.rows, specification: specification, sigmaMethod: method, confidenceLevel: confidence)
            }
            if let distribution = nonNormal.distribution {
                study.percentileMethod = try percentileMethod(table.rows, distribution: distribution, specification: specification)
            }
        } catch let error as SPCError {
            if case .invalidParameter(let name, let value, let reason) = error {
                throw SPCInputError(item: "--\(name)", message: "\(value): \(reason)")
            }
            throw error.inputError(file: file)
        }
        try SPCOutput.write(study)
    }

    /// The percentile-method study of all values; a value ≤ 0 is named by its row.
    func percentileMethod(
        _ rows: [[Double]], distribution: CapabilityDistribution, specification: SpecificationLimits
    ) throws(SPCError) -> PercentileCapability {
        do {
            return try PercentileCapability(rows.flatMap { $0 }, distribution: distribution, specification: specification)
        } catch {
            // The fit numbers the values one by one; the file has subgroupSize of them per row.
            guard case .nonPositiveValue(let index, let value, let reason) = error else { throw error }
            throw .nonPositiveValue(row: index / subgroupSize, value: value, reason: reason)
        }
    }

    /// Whether to transform by Box-Cox, and the distribution to fit; the two exclude each other.
    func parseNonNormal() throws -> (boxCox: Bool, distribution: CapabilityDistribution?) {
        if let transform, transform != "boxcox" {
            throw SPCInputError(item: "--transform", message: "\"\(transform)\" is not available (use boxcox)")
        }
        if lambda != nil, transform == nil {
            throw SPCInputError(item: "--lambda", message: "needs --transform boxcox")
        }
        guard let distribution else { return (transform != nil, nil) }
        guard let type = CapabilityDistribution(rawValue: distribution) else {
            throw SPCInputError(item: "--distribution", message: "\"\(distribution)\" is not lognormal, weibull or normal")
        }
        guard transform == nil else {
            throw SPCInputError(item: "--distribution", message: "cannot be combined with --transform (fit the measured values or transform them)")
        }
        return (false, type)
    }

    func parseMethod() throws -> SigmaMethod {
        let allowed: [SigmaMethod] = subgroupSize == 1 ? [.mr] : [.rbar, .sbar]
        guard let sigmaMethod else { return allowed[0] }
        guard let method = SigmaMethod(rawValue: sigmaMethod), allowed.contains(method) else {
            throw SPCInputError(
                item: "--sigma-method",
                message:
                    "\"\(sigmaMethod)\" is not available with --subgroup-size \(subgroupSize) (use \(allowed.map(\.rawValue).joined(separator: " or ")))"
            )
        }
        return method
    }
}
