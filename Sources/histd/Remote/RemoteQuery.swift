import Foundation
import Historian

/// A `histd query` run through a running daemon's `GET /api/v1/query` (`--url`): the answer's series
/// with their rows, and its warnings.
struct RemoteQuery {
    /// One answer series: its key as text, the column names and the rows.
    struct Series {
        var name: String
        var columns: [String]
        var rows: [[Any]]
    }

    var series: [Series] = []
    /// `code: message` of each warning.
    var warnings: [String] = []

    /// Sends the query with `parameters` through `client` and decodes the answer.
    /// - Throws: ``DaemonClient/Failure`` when the request fails or the answer is not JSON.
    init(client: DaemonClient, parameters: [(String, String)]) throws(DaemonClient.Failure) {
        let body = try client.get("/api/v1/query", parameters)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw DaemonClient.Failure(description: "\(client.url)/api/v1/query answered something other than a JSON object")
        }
        for item in object["series"] as? [[String: Any]] ?? [] {
            let tags = (item["tags"] as? [String: String] ?? [:]).map { SeriesKey.Tag(key: $0.key, value: $0.value) }
            let key = SeriesKey(measurement: item["measurement"] as? String ?? "", tags: tags, field: item["field"] as? String ?? "")
            series.append(Series(name: key.description, columns: item["columns"] as? [String] ?? [], rows: item["values"] as? [[Any]] ?? []))
        }
        for warning in object["warnings"] as? [[String: String]] ?? [] {
            warnings.append("\(warning["code"] ?? ""): \(warning["message"] ?? "")")
        }
    }
}
