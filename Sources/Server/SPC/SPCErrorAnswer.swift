import Historian
import SPC
import Time

/// SPC errors as answers: a parameter the request got wrong is a 400 naming the parameter; data
/// that cannot give a chart or study is a 422 naming the point and the time its subgroup starts.
enum SPCErrorAnswer {
    /// - Parameter starts: the start time of each point (subgroup), to name a failing point by time.
    static func apiError(_ error: SPCError, starts: [Int64]) -> APIError {
        switch error {
        case .nonFiniteValue(let row), .subgroupTooSmall(let row, _, _), .subgroupTooLarge(let row, _, _),
            .invalidSampleSize(let row, _), .invalidCount(let row, _), .countExceedsSampleSize(let row, _, _),
            .nonPositiveTime(let row, _), .nonPositiveValue(let row, _, _):
            let prefix = "row \(row): "
            let reason = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
            let time = row < starts.count ? " starting \(RFC3339.format(starts[row]))" : ""
            return APIError(.unprocessableContent, "point \(row) (subgroup\(time)): \(reason)")
        case .unbalancedCell, .insufficientData:
            return APIError(.unprocessableContent, error.description)
        case .malformedLine:
            return APIError.badRequest(error.description)
        case .emptyData, .degenerateSpread, .tooFewPartValues, .rowLengthMismatch, .tooFewObservations, .constantVariables, .collinearVariables:
            return APIError(.unprocessableContent, "\(error.description) (\(starts.count) points in the range)")
        case .invalidPhaseOneWindow:
            return APIError.badRequest("phase1: \(error.description)")
        case .invalidParameter(let name, let value, let reason):
            return APIError.badRequest("\(name.replacing("-", with: "_")) = \(value): \(reason)")
        case .unsupportedSigmaMethod:
            return APIError.badRequest("sigma_method: \(error.description)")
        case .invalidSpecification, .missingSpecification:
            return APIError.badRequest("lsl/usl: \(error.description)")
        case .unsupportedOption(let name, let reason):
            return APIError.badRequest("\(name): \(reason)")
        case .inputMismatch, .wrongChartType:
            return APIError.badRequest("type: \(error.description)")
        }
    }
}
