import Foundation
import Hummingbird
import NIOCore
import SPC

/// `POST /api/v1/spc/gauge` (a gauge R&R study of the rows in the body, JSON or CSV) and
/// `GET /api/v1/spc/arl` (the ARL of an EWMA or CUSUM chart, or its limit for an in-control ARL),
/// in the JSON of `histd spc gauge` and `histd spc arl` (see docs/http-api.md, "SPC").
struct SPCDesignRoutes {
    let executor: BlockingExecutor
    /// Largest gauge body accepted, bytes.
    static let maximumBodyBytes = 4 * 1024 * 1024

    func register(on router: Router<ServerRequestContext>) {
        router.post("/api/v1/spc/gauge") { request, _ in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(["tolerance", "study_var", "u", "p"])
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maximumBodyBytes)
            } catch {
                throw APIError(.contentTooLarge, "gauge body exceeds \(Self.maximumBodyBytes) bytes")
            }
            let bytes = Array(buffer: body)
            let isCSV = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
            var tolerance = try parameters.finiteNumber("tolerance")
            var studyVariation = try parameters.finiteNumber("study_var")
            let measurements: [GaugeMeasurement]
            if isCSV {
                do throws(SPCError) {
                    measurements = try GaugeMeasurement.parseCSV(String(decoding: bytes, as: UTF8.self))
                } catch {
                    throw SPCErrorAnswer.apiError(error, starts: [])
                }
            } else {
                let document = try SPCGaugeDocument.parse(bytes)
                tolerance = try Self.single("tolerance", body: document.tolerance, query: tolerance)
                studyVariation = try Self.single("study_var", body: document.studyVariation, query: studyVariation)
                measurements = document.measurements
            }
            let options = (tolerance: tolerance, studyVariation: studyVariation ?? 6)
            let study = try await executor.run { () throws -> GaugeStudy in
                do throws(SPCError) {
                    return try GaugeStudy(measurements, tolerance: options.tolerance, studyVariationMultiplier: options.studyVariation)
                } catch {
                    throw SPCErrorAnswer.apiError(error, starts: [])
                }
            }
            return try Self.response(SPCJSON.encode(study))
        }
        router.get("/api/v1/spc/arl") { request, _ in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(["type", "lambda", "L", "k", "h", "head_start", "shift", "arl0", "u", "p"])
            let answer = try await executor.run(Self.runLength(parameters))
            return try Self.response(SPCJSON.encode(answer))
        }
    }

    /// The computation of {"arl": x}, {"L": x} or {"h": x}, as `histd spc arl` answers, to run on
    /// the storage threads (an inverse solves some forty integral equations).
    /// - Throws: a 400 ``APIError`` naming a missing or bad parameter.
    static func runLength(_ parameters: Parameters) throws -> @Sendable () throws -> [String: Double] {
        let shift = try parameters.finiteNumber("shift") ?? 0
        let arl0 = try parameters.finiteNumber("arl0")
        let type = parameters.get("type") ?? ""
        let required = { (name: String) throws -> Double in
            guard let value = try parameters.finiteNumber(name) else { throw APIError.badRequest("\(name) is needed with type \(type)") }
            return value
        }
        switch type {
        case "ewma":
            let lambda = try required("lambda")
            let limitMultiple = arl0 == nil ? try required("L") : nil
            return {
                try Self.answer { () throws(SPCError) in
                    if let limitMultiple { return ["arl": try EWMAAverageRunLength.arl(lambda: lambda, limitMultiple: limitMultiple, shift: shift)] }
                    return ["L": try EWMAAverageRunLength.limitMultiple(lambda: lambda, inControlARL: arl0 ?? 0)]
                }
            }
        case "cusum":
            let k = try required("k")
            let headStart = try parameters.finiteNumber("head_start") ?? 0
            let h = arl0 == nil ? try required("h") : nil
            return {
                try Self.answer { () throws(SPCError) in
                    if let h { return ["arl": try CUSUMAverageRunLength.arl(k: k, h: h, headStart: headStart, shift: shift)] }
                    return ["h": try CUSUMAverageRunLength.decisionInterval(k: k, inControlARL: arl0 ?? 0, headStart: headStart)]
                }
            }
        default:
            throw APIError.badRequest("type '\(type)' is not ewma or cusum")
        }
    }

    private static func answer(_ body: () throws(SPCError) -> [String: Double]) throws -> [String: Double] {
        do throws(SPCError) {
            return try body()
        } catch {
            throw SPCErrorAnswer.apiError(error, starts: [])
        }
    }

    private static func single(_ name: String, body: Double?, query: Double?) throws -> Double? {
        if body != nil, query != nil { throw APIError.badRequest("\(name): give it in the body or the query, not both") }
        return body ?? query
    }

    private static func response(_ data: Data) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
