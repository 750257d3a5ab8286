import Hummingbird
import Query

/// The parameters of `GET /api/v1/oee`: `from`, `to` (shifts that start in `[from, to)`),
/// repeated `machine` (default every configured machine) and `by`.
struct OEERequest: Sendable {
    static let names: Set<String> = ["from", "to", "machine", "by", "u", "p"]
    /// Longest range answered: a year and a margin. Every shift of the range is generated and
    /// reported, so an unbounded range (from=0) would cost time for nothing.
    static let maximumRangeDays: Int64 = 400

    var from: Int64
    var to: Int64
    var machines: [OEEMachineDefinition]
    var grouping: OEEGrouping

    /// - Throws: a 400 ``APIError`` naming the parameter; 404 for a machine that is not configured.
    init(_ parameters: Parameters, now: Int64, configured: [OEEMachineDefinition]) throws {
        try parameters.requireKnown(Self.names)
        (from, to) = try parameters.timeRange(now: now)
        guard UInt64(bitPattern: to &- from) <= UInt64(Self.maximumRangeDays * 86_400_000_000_000) else {
            throw APIError.badRequest("from/to span more than \(Self.maximumRangeDays) days; narrow the range")
        }
        let byText = parameters.get("by") ?? OEEGrouping.shift.rawValue
        guard let grouping = OEEGrouping(rawValue: byText) else {
            throw APIError.badRequest("by '\(byText)' is not one of \(OEEGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.grouping = grouping
        let names = parameters.getAll("machine")
        if names.isEmpty {
            guard !configured.isEmpty else { throw APIError(.notFound, "no machines are configured for OEE") }
            machines = configured
        } else {
            machines = try names.map { name in
                guard let machine = configured.first(where: { $0.name == name }) else {
                    let known = configured.map(\.name).joined(separator: ", ")
                    throw APIError(.notFound, "machine '\(name)' is not configured (configured: \(known.isEmpty ? "none" : known))")
                }
                return machine
            }
        }
    }
}
