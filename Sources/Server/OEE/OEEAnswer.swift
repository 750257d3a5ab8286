import OEE

/// The JSON of `/api/v1/oee`: `from`, `to` (RFC 3339), `by`, `machines`, `rows` and `total`.
///
/// Each row, and `total`, is the object `histd oee` prints per shift (``OEESummary``: minutes,
/// ratios, `losses_min`, `iso22400`, `teep`) with a reason Pareto `pareto` and its context:
/// `machine`, `line`, `shift`, `day`, `start`, `end` for `by=shift`, `group` for the roll-ups.
/// For `by=reason` the rows are the Pareto entries themselves.
struct OEEAnswer: Encodable {
    enum Rows: Encodable {
        case summaries([OEESummary])
        case pareto(DowntimePareto)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .summaries(let rows): try rows.encode(to: encoder)
            case .pareto(let pareto): try pareto.encode(to: encoder)
            }
        }
    }

    var from: String
    var to: String
    var by: String
    var machines: [String]
    var rows: Rows
    var total: OEESummary
}
