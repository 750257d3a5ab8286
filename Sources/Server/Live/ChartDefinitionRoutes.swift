import Historian
import Hummingbird
import Live

/// `POST /api/v1/spc/charts`, `GET /api/v1/spc/charts`, `GET`, `PUT` and `DELETE
/// /api/v1/spc/charts/{id}`: live chart definitions with revisions (docs/live-spc.md).
struct ChartDefinitionRoutes {
    let live: LiveSPC
    let executor: BlockingExecutor
    /// Reads definitions (at most ``maximumBodyBytes``).
    let bodyReader: RequestBodyReader
    /// Largest definition accepted, bytes.
    static let maximumBodyBytes = 1 << 20

    func register(on router: Router<ServerRequestContext>) {
        router.post("/api/v1/spc/charts") { request, context in
            let (definition, reason) = try await definition(of: request)
            let live = live
            let author = Self.author(context)
            let revision = try await executor.run {
                try live.create(definition, author: author, reason: reason, now: HistorianService.nowNanoseconds())
            }
            return LiveAnswer.response(LiveAnswer.chart(revision), status: .created)
        }
        router.get("/api/v1/spc/charts") { request, _ in
            try request.uri.queryParameters.requireKnown(["deleted", "u", "p"])
            let withDeleted = try request.uri.queryParameters.flag("deleted")
            let live = live
            let charts = live.charts().filter { withDeleted || !$0.deleted }
            return LiveAnswer.response(.object(["charts": .array(charts.map { LiveAnswer.chart($0, problem: live.problem(of: $0.chart)) })]))
        }
        router.get("/api/v1/spc/charts/:id") { request, context in
            try request.uri.queryParameters.requireKnown(["revision", "u", "p"])
            let id = try Self.chartID(context)
            let wanted = try request.uri.queryParameters.positiveInteger("revision")
            let live = live
            return try await executor.run {
                let history = try live.revisions(of: id)
                guard let shown = wanted.map({ number in history.first { $0.revision == number } }) ?? history.last else {
                    throw APIError(.notFound, "chart \(id) has no revision \(wanted ?? 0) (latest: \(history.last?.revision ?? 0))")
                }
                return LiveAnswer.response(
                    LiveAnswer.chart(shown, problem: live.problem(of: id), history: history, webhook: live.webhookState(of: id)))
            }
        }
        router.put("/api/v1/spc/charts/:id") { request, context in
            let id = try Self.chartID(context)
            let (definition, reason) = try await definition(of: request)
            let live = live
            let author = Self.author(context)
            let revision = try await executor.run {
                try live.update(id, definition, author: author, reason: reason, now: HistorianService.nowNanoseconds())
            }
            return LiveAnswer.response(LiveAnswer.chart(revision))
        }
        router.delete("/api/v1/spc/charts/:id") { request, context in
            try request.uri.queryParameters.requireKnown(["reason", "u", "p"])
            let id = try Self.chartID(context)
            let reason = request.uri.queryParameters.get("reason")
            let live = live
            let author = Self.author(context)
            let revisions = try await executor.run {
                try live.delete(id, author: author, reason: reason, now: HistorianService.nowNanoseconds())
                return try live.revisions(of: id)
            }
            guard let last = revisions.last else { throw APIError(.notFound, "no chart with id \(id)") }
            return LiveAnswer.response(LiveAnswer.chart(last, history: revisions))
        }
    }

    /// The definition in the body, and the revision's `reason`.
    private func definition(of request: Request) async throws -> (ChartDefinition, String?) {
        let body = try await bodyReader.content(of: try await bodyReader.read(request))
        let document = try JSONValue.parse(Array(body.readableBytesView))
        let reason = document.object?["reason"]?.string
        return (try ChartDefinition.parse(document, now: HistorianService.nowNanoseconds()), reason)
    }

    static func author(_ context: ServerRequestContext) -> String {
        context.token?.name ?? "anonymous"
    }

    private static func chartID(_ context: ServerRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw APIError.badRequest("chart id '\(context.parameters.get("id") ?? "")' is not a positive integer")
        }
        return id
    }
}
