import ArgumentParser
import SPC

/// `histd spc arl`: the average run length of a two-sided EWMA or CUSUM chart, or the limit that
/// gives a wanted in-control ARL, printed as JSON.
struct SPCRunLengthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arl",
        abstract: "Average run length of a two-sided EWMA or CUSUM chart, or the limit for an in-control ARL.",
        discussion: """
            --type ewma --lambda l --L c --shift d prints {"arl": x}; --type ewma --lambda l --arl0 A prints {"L": x}.
            --type cusum --k k --h h [--head-start f] --shift d prints {"arl": x}; --type cusum --k k --arl0 A prints {"h": x}.
            Shifts, k and h are in sigma units; the head start is a fraction of h. The integral equations are solved by
            Gauss-Legendre quadrature (as R's spc package); see docs/spc.md.
            """
    )

    @Option(help: "Chart type: ewma or cusum.")
    var type: String

    @Option(help: "EWMA smoothing constant λ in [0.005, 1].")
    var lambda: Double?

    @Option(name: .customLong("L"), help: "EWMA limit width in asymptotic sigmas of the EWMA statistic.")
    var limitMultiple: Double?

    @Option(help: "CUSUM reference value k (sigma units).")
    var k: Double?

    @Option(help: "CUSUM decision interval h (sigma units).")
    var h: Double?

    @Option(name: .customLong("head-start"), help: "CUSUM head start as a fraction of h in [0, 1) (0.5: the 50 % FIR), as chart's.")
    var headStart: Double = 0

    @Option(help: "Mean shift in sigma units (0: in control).")
    var shift: Double = 0

    @Option(help: "Wanted in-control ARL: prints the limit (L or h) instead of an ARL.")
    var arl0: Double?

    func run() throws {
        try SPCOutput.write(answer())
    }

    /// The JSON object to print: {"arl": x}, {"L": x} or {"h": x}.
    func answer() throws -> [String: Double] {
        do {
            switch type {
            case "ewma":
                let lambda = try required(lambda, "--lambda")
                if let arl0 {
                    try forbidden(limitMultiple, "--L", because: "--arl0 asks for L")
                    return ["L": try EWMAAverageRunLength.limitMultiple(lambda: lambda, inControlARL: arl0)]
                }
                let limitMultiple = try required(limitMultiple, "--L")
                return ["arl": try EWMAAverageRunLength.arl(lambda: lambda, limitMultiple: limitMultiple, shift: shift)]
            case "cusum":
                let k = try required(k, "--k")
                if let arl0 {
                    try forbidden(h, "--h", because: "--arl0 asks for h")
                    return ["h": try CUSUMAverageRunLength.decisionInterval(k: k, inControlARL: arl0, headStart: headStart)]
                }
                let h = try required(h, "--h")
                return ["arl": try CUSUMAverageRunLength.arl(k: k, h: h, headStart: headStart, shift: shift)]
            default:
                throw SPCInputError(item: "--type", message: "\"\(type)\" is not ewma or cusum")
            }
        } catch let error as SPCError {
            if case .invalidParameter(let name, let value, let reason) = error {
                throw SPCInputError(item: "--\(name)", message: "\(value): \(reason)")
            }
            throw SPCInputError(item: "arl", message: error.description)
        }
    }

    private func required(_ value: Double?, _ name: String) throws -> Double {
        guard let value else { throw SPCInputError(item: name, message: "is needed with --type \(type)") }
        return value
    }

    private func forbidden(_ value: Double?, _ name: String, because reason: String) throws {
        if value != nil { throw SPCInputError(item: name, message: "cannot be given with --arl0 (\(reason))") }
    }
}
