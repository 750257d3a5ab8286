import Historian
import Hummingbird
import Live
import Time

/// `POST /api/v1/oee/machines`, `GET /api/v1/oee/machines`, `GET`, `PUT` and `DELETE
/// /api/v1/oee/machines/{name}`: OEE machine definitions stored in the data directory with
/// revisions (docs/oee.md, "Machines over HTTP").
struct OEEMachineRoutes {
    let historian: Historian
    let catalog: OEEMachineCatalog
    let executor: BlockingExecutor
    /// Reads definitions (at most ``ChartDefinitionRoutes/maximumBodyBytes``).
    let bodyReader: RequestBodyReader

    func register(on router: Router<ServerRequestContext>) {
        router.post("/api/v1/oee/machines") { request, context in
            let (machine, reason) = try await definition(of: request)
            guard !catalog.isConfigured(machine.name) else {
                throw APIError(
                    .conflict, "machine '\(machine.name)' is defined in the configuration file ([[machines]]); a name is defined in one place only")
            }
            let registry = catalog.registry
            let author = ChartDefinitionRoutes.author(context)
            let revision = try await executor.run {
                try registry.create(
                    name: machine.name, definition: machine.json, author: author, reason: reason, now: HistorianService.nowNanoseconds())
            }
            return LiveAnswer.response(Self.document(revision, history: [revision]), status: .created)
        }
        router.get("/api/v1/oee/machines") { request, _ in
            try request.uri.queryParameters.requireKnown(["u", "p"])
            let stored = catalog.registry.machines().map { Self.document($0) }
            let configured: [JSONValue] = catalog.configured.map { machine in
                .object(["name": .string(machine.name), "source": .string("configuration"), "definition": machine.json])
            }
            return LiveAnswer.response(.object(["machines": .array(configured + stored)]))
        }
        router.get("/api/v1/oee/machines/:name") { request, context in
            try request.uri.queryParameters.requireKnown(["revision", "u", "p"])
            let name = try Self.name(context)
            let wanted = try request.uri.queryParameters.positiveInteger("revision")
            let history = try catalog.registry.revisions(of: name)
            guard let shown = wanted.map({ number in history.first { $0.revision == number } }) ?? history.last else {
                throw APIError(.notFound, "machine '\(name)' has no revision \(wanted ?? 0) (latest: \(history.last?.revision ?? 0))")
            }
            return LiveAnswer.response(Self.document(shown, history: history, historian: historian))
        }
        router.put("/api/v1/oee/machines/:name") { request, context in
            let name = try Self.name(context)
            let (machine, reason) = try await definition(of: request)
            guard machine.name == name else {
                throw LiveError.invalid(
                    key: "name",
                    message: "name: '\(machine.name)' differs from the machine in the path ('\(name)'); a machine is renamed by DELETE and POST")
            }
            let registry = catalog.registry
            let author = ChartDefinitionRoutes.author(context)
            let revision = try await executor.run {
                try registry.update(name: name, definition: machine.json, author: author, reason: reason, now: HistorianService.nowNanoseconds())
            }
            return LiveAnswer.response(Self.document(revision, history: try registry.revisions(of: name)))
        }
        router.delete("/api/v1/oee/machines/:name") { request, context in
            try request.uri.queryParameters.requireKnown(["reason", "u", "p"])
            let name = try Self.name(context)
            let reason = request.uri.queryParameters.get("reason")
            let registry = catalog.registry
            let author = ChartDefinitionRoutes.author(context)
            let revision = try await executor.run {
                try registry.delete(name: name, author: author, reason: reason, now: HistorianService.nowNanoseconds())
            }
            return LiveAnswer.response(Self.document(revision, history: try registry.revisions(of: name)))
        }
    }

    /// The machine in the body, checked (its selectors must match series), and the revision's `reason`.
    private func definition(of request: Request) async throws -> (OEEMachineDefinition, String?) {
        let body = try await bodyReader.content(of: try await bodyReader.read(request))
        let document = try JSONValue.parse(Array(body.readableBytesView))
        let reason = document.object?["reason"]?.string
        let machine = try OEEMachineDefinition(json: document)
        if let unmatched = OEEMachineCatalog.unmatchedSelectors(of: machine, historian: historian).first {
            throw LiveError.invalid(key: unmatched.key, message: unmatched.message)
        }
        return (machine, reason)
    }

    /// The JSON of a revision: `name`, `revision`, `author`, `at`, `reason`, `deleted`, `source`
    /// (`api`), `definition`, `revisions` (number, author, time, reason of each) when `history` is
    /// given, and `problems` (selectors that stopped matching) when `historian` is given.
    static func document(_ revision: MachineRevision, history: [MachineRevision] = [], historian: Historian? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(revision.name), "revision": .integer(Int64(revision.revision)), "author": .string(revision.author),
            "at": .string(RFC3339.format(revision.at)), "reason": revision.reason.map { .string($0) } ?? .null, "deleted": .bool(revision.deleted),
            "source": .string("api"), "definition": revision.definition,
        ]
        if !history.isEmpty {
            members["revisions"] = .array(history.map(\.historyEntry))
        }
        if let historian, !revision.deleted, let machine = try? OEEMachineDefinition(json: revision.definition) {
            members["problems"] = .array(OEEMachineCatalog.unmatchedSelectors(of: machine, historian: historian).map { .string($0.message) })
        }
        return .object(members)
    }

    private static func name(_ context: ServerRequestContext) throws -> String {
        guard let name = context.parameters.get("name"), !name.isEmpty else { throw APIError.badRequest("a machine name is required in the path") }
        return name
    }
}
