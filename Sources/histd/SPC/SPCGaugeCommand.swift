import ArgumentParser
import Foundation
import SPC

/// `histd spc gauge`: a crossed gauge R&R study of a CSV file, printed as JSON.
struct SPCGaugeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gauge",
        abstract: "Gauge R&R (crossed ANOVA, AIAG MSA 4th ed.): variance components, % study variation, ndc.",
        discussion: """
            FILE has the header part,operator,value and one measurement per line; every operator measures every part
            the same number of times (at least twice). See docs/spc.md.
            """
    )

    @Option(help: "Tolerance (USL − LSL), for percent_tolerance.")
    var tolerance: Double?

    @Option(name: .customLong("study-var"), help: "Study variation multiple of sigma (6, or 5.15 in older manuals).")
    var studyVariation: Double = 6

    @Argument(help: "The CSV file.")
    var file: String

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw SPCInputError(item: file, message: "cannot read the file: \(error.localizedDescription)")
        }
        let study: GaugeStudy
        do throws(SPCError) {
            study = try GaugeStudy(GaugeMeasurement.parseCSV(text), tolerance: tolerance, studyVariationMultiplier: studyVariation)
        } catch {
            if case .invalidParameter(let name, let value, let reason) = error {
                throw SPCInputError(item: "--\(name)", message: "\(value): \(reason)")
            }
            throw SPCInputError(item: file, message: error.description)
        }
        try SPCOutput.write(study)
    }
}
