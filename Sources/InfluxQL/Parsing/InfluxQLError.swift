/// Why an InfluxQL query was not run. The messages follow InfluxDB's where one exists.
package enum InfluxQLError: Error, Equatable, Sendable {
    /// The text is not InfluxQL: answered 400 `error parsing query: ...`.
    case syntax(String)
    /// Valid InfluxQL that histd does not run (or that no InfluxDB runs either); reported in the
    /// statement's result.
    case unsupported(String)
    /// The statement cannot be answered as asked (no lower time bound, too many points...).
    case invalid(String)

    package var message: String {
        switch self {
        case .syntax(let text): "error parsing query: \(text)"
        case .unsupported(let text): "not supported by histd: \(text)"
        case .invalid(let text): text
        }
    }
}
