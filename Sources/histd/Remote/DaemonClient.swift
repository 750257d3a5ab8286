import Foundation

/// Sends `GET` requests to a running `histd serve` (`--url http://host:port`), so commands read a
/// directory the daemon holds.
struct DaemonClient {
    /// What a request could not do, with the server's own message where it gave one.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let url: String
    /// Sent as `Authorization: Token ...` when set (`--token` or `HISTD_TOKEN`).
    let token: String?

    /// A client of the daemon at `url` with `token`, or without one the `HISTD_TOKEN` environment variable.
    init(url: String, token: String?) {
        self.url = url
        self.token = token ?? ProcessInfo.processInfo.environment["HISTD_TOKEN"]
    }

    /// The body of a 200 answer to `GET path?parameters` (`parameters` in order; a name may repeat).
    /// - Throws: ``Failure`` for a URL that is not `http://host:port`, a connection that fails, or an
    ///   answer other than 200 (with the server's `error`).
    func get(_ path: String, _ parameters: [(String, String)]) throws(Failure) -> [UInt8] {
        let endpoint: (host: String, port: Int)
        do {
            endpoint = try IngestBenchCommand.endpoint(url)
        } catch {
            throw Failure(description: "--url '\(url)' is not http://host:port (https is not supported here; reach the daemon over loopback)")
        }
        let target = path + "?" + parameters.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let response: HTTPConnection.Response
        do {
            let connection = try HTTPConnection(host: endpoint.host, port: endpoint.port, receiveTimeout: 300)
            response = try connection.request("GET", target, headers: token.map { [("Authorization", "Token \($0)")] } ?? [])
        } catch {
            throw Failure(description: "\(url): \(error)")
        }
        guard response.status == 200 else {
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            throw Failure(description: "\(url)\(path) answered \(response.status): \((object?["error"] as? String) ?? response.text)")
        }
        return response.body
    }

    /// `text` percent-encoded for a query string.
    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
