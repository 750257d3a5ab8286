import Foundation
import Historian
import Query

/// Runs a `histd query` through a running daemon's `GET /api/v1/query` (`--url`), so the CLI reads a
/// directory `histd serve` holds; the rows print as the local query prints them.
struct RemoteQuery {
    /// What a remote query could not do, with the server's own message where it gave one.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let url: String
    /// Sent as `Authorization: Token ...` when set (`--token` or `HISTD_TOKEN`).
    let token: String?
    /// The query parameters, in order (`tag` may repeat).
    let parameters: [(String, String)]

    /// The answer's series with their rows, and its warnings.
    struct Answer {
        var series: [(name: String, columns: [String], rows: [[Any]])]
        var warnings: [String]
    }

    /// Sends the query and decodes the answer.
    /// - Throws: ``Failure`` for a URL that is not `http://host:port`, a connection that fails, or an
    ///   answer other than 200 (with the server's error).
    func run() throws(Failure) -> Answer {
        let endpoint: (host: String, port: Int)
        do {
            endpoint = try IngestBenchCommand.endpoint(url)
        } catch {
            throw Failure(description: "--url '\(url)' is not http://host:port (https is not supported here; query the daemon over loopback)")
        }
        let target = "/api/v1/query?" + parameters.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let response: HTTPConnection.Response
        do {
            let connection = try HTTPConnection(host: endpoint.host, port: endpoint.port, receiveTimeout: 300)
            response = try connection.request("GET", target, headers: token.map { [("Authorization", "Token \($0)")] } ?? [])
        } catch {
            throw Failure(description: "\(url): \(error)")
        }
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard response.status == 200, let object else {
            let message = (object?["error"] as? String) ?? response.text
            throw Failure(description: "\(url) answered \(response.status): \(message)")
        }
        var answer = Answer(series: [], warnings: [])
        for item in object["series"] as? [[String: Any]] ?? [] {
            let tags = (item["tags"] as? [String: String] ?? [:]).map { SeriesKey.Tag(key: $0.key, value: $0.value) }
            let key = SeriesKey(measurement: item["measurement"] as? String ?? "", tags: tags, field: item["field"] as? String ?? "")
            answer.series.append((key.description, item["columns"] as? [String] ?? [], item["values"] as? [[Any]] ?? []))
        }
        for warning in object["warnings"] as? [[String: String]] ?? [] {
            answer.warnings.append("\(warning["code"] ?? ""): \(warning["message"] ?? "")")
        }
        return answer
    }

    /// `text` percent-encoded for a query string.
    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
