import Foundation
import Historian
import Hummingbird
import InfluxQL

/// `GET` and `POST /query`: InfluxDB 1.x's query endpoint for the InfluxQL that Grafana's InfluxDB
/// data source, Telegraf (`CREATE DATABASE`) and the 1.x client libraries send (docs/http-api.md,
/// "InfluxQL"). Parameters `q`, `db`, `epoch` in the URL or, for POST, as a form body.
struct InfluxQLRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    let limiter: QueryLimiter
    /// Holds the answers while clients read them.
    let responseMemory: ResponseMemory
    let bodyReader: RequestBodyReader
    let databaseTag: String
    let maximumPoints: Int

    func register(on router: Router<ServerRequestContext>) {
        router.get("/query") { request, context in
            try await answer(Self.formFields(request.uri.query ?? ""), context: context)
        }
        router.post("/query") { request, context in
            var parameters = Self.formFields(request.uri.query ?? "")
            if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
                let body = try bodyReader.content(of: try await bodyReader.read(request))
                for (key, value) in Self.formFields(String(buffer: body)) { parameters[key] = value }
            }
            return try await answer(parameters, context: context)
        }
    }

    /// `a=1&b=x+y` with percent escapes, as HTML forms and URL query strings of InfluxDB clients
    /// send them (`+` is a space: Telegraf writes `q=CREATE+DATABASE+%22telegraf%22`).
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let key = parts.first else { continue }
            fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private func answer(_ parameters: [String: String], context: ServerRequestContext) async throws -> Response {
        guard let query = parameters["q"], !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("missing required parameter \"q\"")
        }
        let epochUnit: Int64?
        switch parameters["epoch"] {
        case nil, "": epochUnit = nil
        case "ns", "n": epochUnit = 1
        case "u", "µ", "us": epochUnit = 1_000
        case "ms": epochUnit = 1_000_000
        case "s": epochUnit = 1_000_000_000
        case "m": epochUnit = 60_000_000_000
        case "h": epochUnit = 3_600_000_000_000
        case let other?: throw APIError.badRequest("epoch '\(other)' is not one of ns, u, ms, s, m, h")
        }
        let now = HistorianService.nowNanoseconds()
        let statements: [InfluxQLStatement]
        do {
            statements = try InfluxQLParser.parse(query, now: now)
        } catch {
            throw APIError.badRequest(error.message)
        }
        if statements.contains(where: \.deletesData), let token = context.token, !token.allows(.admin) {
            throw APIError(.forbidden, "token '\(token.name)' lacks the 'admin' scope that DROP SERIES and DELETE need")
        }
        let database = parameters["db"].flatMap { $0.isEmpty ? nil : $0 }
        if database != nil { try context.requireDatabase(database) }
        let execution = InfluxQLExecution(
            historian: historian, databaseTag: databaseTag, database: database, allowedDatabases: context.databases,
            maximumPoints: maximumPoints, now: now)
        let answer = InfluxQLAnswer(epochUnit: epochUnit)
        let executor = executor
        let body = try await responseMemory.answer(in: limiter) {
            try await executor.run { answer.write(try execution.run(statements)) }
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: body)
    }
}
