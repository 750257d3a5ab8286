import Time

extension ChartRevision {
    /// The JSON document of the revision, as the chart routes answer it and `histd spc charts
    /// --json` prints it: `id`, `name`, `revision`, `author`, `at` (RFC 3339), `reason`, `deleted`,
    /// `definition` (as posted), `limits`, `phase1_points`, `warnings` (of phase I), `problem`
    /// when the chart is not evaluated, `webhook` (delivery state) when given, and `revisions`
    /// (number, author, time, reason of each) when `history` is given.
    public func document(problem: String? = nil, history: [ChartRevision] = [], webhook: JSONValue? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .integer(chart), "name": .string(definition.name), "revision": .integer(Int64(revision)), "author": .string(author),
            "at": .string(RFC3339.format(at)), "reason": reason.map { .string($0) } ?? .null, "deleted": .bool(deleted),
            "definition": definition.json, "limits": limits.limits, "phase1_points": .integer(Int64(limits.phaseOnePoints)),
            "warnings": .array(limits.warnings.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
        ]
        if let problem { members["problem"] = .string(problem) }
        if let webhook { members["webhook"] = webhook }
        if !history.isEmpty {
            members["revisions"] = .array(history.map(\.historyEntry))
        }
        return .object(members)
    }
}
