import Historian
import Hummingbird
import Query
import SPC
import Time

/// The parameters of `GET /api/v1/spc/multivariate`, as `histd spc multivariate` takes them.
struct SPCMultivariateRequest: Sendable {
    var measurement: String
    var predicate: SeriesPredicate?
    /// The fields, in the order of `fields=` (the variables' order).
    var fields: [String]
    var every: Int64
    var from: Int64
    var to: Int64
    var qualities: Set<Quality>
    var method: String
    var subgroupSize: Int
    var phaseOne: Range<Int>?
    var alpha: Double?
    var components: ComponentSelection?
    /// The most entries of each per-point list of the answer (`max_violations`, as the chart answer takes it).
    var maxViolations: Int

    /// - Throws: a 400 ``APIError`` naming the parameter.
    init(_ parameters: Parameters, now: Int64) throws {
        let selection = try parameters.seriesSelection()
        guard let measurement = selection.measurement else { throw APIError.badRequest("measurement is required") }
        self.measurement = measurement
        predicate = selection.predicate
        let fields = (parameters.get("fields") ?? "").split(separator: ",").map { String($0) }
        guard !fields.isEmpty else { throw APIError.badRequest("fields is required: the fields to chart together, like fields=a,b,c") }
        if let repeated = fields.indices.first(where: { fields[..<$0].contains(fields[$0]) }) {
            throw APIError.badRequest("fields: '\(fields[repeated])' is named twice")
        }
        self.fields = fields
        guard let text = parameters.get("every") else {
            throw APIError.badRequest("every is required: the bucket width that aligns the fields, like 1m")
        }
        guard let every = DurationText.nanoseconds(text), every > 0 else { throw APIError.badRequest("every '\(text)' is not a duration like 1m") }
        self.every = every
        (from, to) = try parameters.timeRange(now: now)
        qualities = try parameters.qualities() ?? [.good]
        method = parameters.get("method") ?? "t2"
        guard method == "t2" || method == "pca" else { throw APIError.badRequest("method '\(method)' is not t2 or pca") }
        subgroupSize = try parameters.positiveInteger("subgroup_size") ?? 1
        if let text = parameters.get("phase1") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]), lower >= 0, lower < upper else {
                throw APIError.badRequest("phase1 '\(text)' is not A:B with 0 <= A < B (0-based points)")
            }
            phaseOne = lower..<upper
        }
        alpha = try parameters.finiteNumber("alpha")
        maxViolations = try parameters.positiveInteger("max_violations") ?? SPCRoutes.defaultMaxViolations
        let count = try parameters.positiveInteger("components")
        let fraction = try parameters.finiteNumber("variance")
        if method == "t2" {
            guard count == nil, fraction == nil else { throw APIError.badRequest("components and variance apply only to method=pca") }
        } else {
            guard subgroupSize == 1 else { throw APIError.badRequest("subgroup_size applies only to method=t2") }
            switch (count, fraction) {
            case (let count?, nil): components = .count(count)
            case (nil, let fraction?): components = .varianceFraction(fraction)
            default: throw APIError.badRequest("method=pca needs exactly one of components and variance")
            }
        }
    }

    /// The chart of `observations`: T² of individuals or subgroups, or PCA.
    func chart(_ observations: ObservationMatrix) throws(SPCError) -> any Encodable {
        if let components {
            return try PCAChart.analyze(observations, components: components, phaseOne: phaseOne, alpha: alpha ?? 0.01)
        }
        if subgroupSize > 1 {
            return try HotellingT2Chart.subgroups(observations, size: subgroupSize, phaseOne: phaseOne, alpha: alpha)
        }
        return try HotellingT2Chart.individuals(observations, phaseOne: phaseOne, alpha: alpha)
    }
}
