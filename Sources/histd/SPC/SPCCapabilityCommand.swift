import ArgumentParser
import Foundation
import SPC

/// `histd spc capability`: a process capability study of a CSV file, printed as JSON.
struct SPCCapabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capability",
        abstract: "Compute Cp, Cpk, Pp, Ppk, Cpm, PPM and an Anderson-Darling normality test.",
        discussion: "FILE holds one value per row, or with --subgroup-size N one subgroup of N values per row."
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

    @Argument(help: "The CSV file.")
    var file: String

    func run() throws {
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
        let table = try CSVNumberTable(contentsOf: file)
        let study: ProcessCapability
        do {
            if subgroupSize == 1 {
                study = try CapabilityStudy.individuals(table.singleColumn(), specification: specification, confidenceLevel: confidence)
            } else {
                for (row, values) in table.rows.enumerated() where values.count != subgroupSize {
                    throw SPCInputError(
                        item: CSVNumberTable.location(file, row),
                        message: "expected a subgroup of \(subgroupSize) values, found \(values.count)")
                }
                study = try CapabilityStudy.subgroups(
                    table.rows, specification: specification, sigmaMethod: method, confidenceLevel: confidence)
            }
        } catch let error as SPCError {
            throw error.inputError(file: file)
        }
        try SPCOutput.write(study)
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
