import Historian
import Hummingbird
import Live
import NIOCore
import Query

/// `GET /api/v1/events`, `POST /api/v1/events/{id}/ack` and `GET /api/v1/events/stream` (Server-Sent
/// Events): what live analytics reports, and its acknowledgement (docs/live-spc.md).
struct EventRoutes {
    let live: LiveSPC
    let executor: BlockingExecutor
    /// Reads acknowledgements.
    let bodyReader: RequestBodyReader
    /// A comment line sent to a quiet stream this often keeps proxies and the idle timeout from closing it.
    static let heartbeat = Duration.seconds(15)

    func register(on router: Router<ServerRequestContext>) {
        router.get("/api/v1/events") { request, _ in
            let filter = try Self.filter(request.uri.queryParameters)
            let live = live
            return try await executor.run { try LiveAnswer.events(try live.events(filter)) }
        }
        router.post("/api/v1/events/:id/ack") { request, context in
            guard let id = context.parameters.get("id") else { throw APIError.badRequest("event id is missing") }
            let body = try await bodyReader.content(of: try await bodyReader.read(request))
            let document = try JSONValue.parse(Array(body.readableBytesView))
            guard let members = document.object else { throw APIError.badRequest("an acknowledgement is {\"cause\", \"action\", \"comment\"}") }
            for key in members.keys where !["cause", "action", "comment"].contains(key) {
                throw APIError.badRequest("unknown key '\(key)' (accepted: cause, action, comment)")
            }
            guard let cause = members["cause"]?.string, !cause.isEmpty else {
                throw APIError.badRequest("cause is required: the assignable cause found")
            }
            guard let action = members["action"]?.string, !action.isEmpty else {
                throw APIError.badRequest("action is required: the corrective action taken")
            }
            let comment = members["comment"]?.string ?? ""
            let live = live
            let by = ChartDefinitionRoutes.author(context)
            return try await executor.run {
                try LiveAnswer.event(
                    try live.acknowledge(id, by: by, cause: cause, action: action, comment: comment, now: HistorianService.nowNanoseconds()))
            }
        }
        router.get("/api/v1/events/stream") { request, _ in
            try request.uri.queryParameters.requireKnown(["last_event_id", "u", "p"])
            let header = request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
            let text = header ?? request.uri.queryParameters.get("last_event_id") ?? "0"
            guard let after = Int64(text), after >= 0 else { throw APIError.badRequest("Last-Event-ID '\(text)' is not a sequence number") }
            let live = live
            let executor = executor
            var fields = HTTPFields()
            fields[.contentType] = "text/event-stream; charset=utf-8"
            fields[.cacheControl] = "no-cache"
            return Response(
                status: .ok, headers: fields,
                body: ResponseBody { writer in
                    try await Self.stream(live: live, executor: executor, after: after, into: &writer)
                })
        }
    }

    /// Sends the messages after `after` from the store, then each new one as it is committed, with
    /// a heartbeat comment when the stream is quiet; ends when the client goes or the daemon stops.
    private static func stream(live: LiveSPC, executor: BlockingExecutor, after: Int64, into writer: inout any ResponseBodyWriter) async throws {
        // Subscribe before reading the backlog, so that no message falls between the two.
        let (id, messages) = live.subscribe()
        defer { live.unsubscribe(id) }
        let (merged, continuation) = AsyncStream<[EventMessage]?>.makeStream()
        let forward = Task {
            for await batch in messages { continuation.yield(batch) }
            continuation.finish()
        }
        let beat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                continuation.yield(nil)
            }
        }
        defer {
            forward.cancel()
            beat.cancel()
        }
        var last = after
        var backlog = ByteBuffer()
        for message in try await executor.run({ try live.messages(after: after) }) {
            frame(message, into: &backlog)
            last = message.sequence
        }
        backlog.writeString(": connected\n\n")
        try await writer.write(backlog)
        for await item in merged {
            guard let batch = item else {
                try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                continue
            }
            var buffer = ByteBuffer()
            for message in batch where message.sequence > last {
                frame(message, into: &buffer)
                last = message.sequence
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        try await writer.finish(nil)
    }

    /// Appends the `id:`, `event:` and `data:` lines of one message (the JSON has no newline).
    static func frame(_ message: EventMessage, into buffer: inout ByteBuffer) {
        buffer.writeString("id: \(message.sequence)\nevent: \(message.kind)\ndata: ")
        buffer.writeBytes(message.data)
        buffer.writeString("\n\n")
    }

    /// The filters of `GET /api/v1/events`: `kind`, `chart`, `machine`, `open`, `acknowledged`,
    /// `from`, `to`, `limit`.
    static func filter(_ parameters: Parameters) throws -> EventFilter {
        try parameters.requireKnown(["kind", "chart", "machine", "open", "acknowledged", "from", "to", "limit", "u", "p"])
        var filter = EventFilter()
        if let text = parameters.get("kind") {
            guard let kind = LiveEvent.Kind(rawValue: text) else {
                throw APIError.badRequest("kind '\(text)' is not one of \(LiveEvent.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.kind = kind
        }
        if let text = parameters.get("chart") {
            guard let chart = Int64(text), chart > 0 else { throw APIError.badRequest("chart '\(text)' is not a chart id") }
            filter.chart = chart
        }
        filter.machine = parameters.get("machine")
        if parameters.get("open") != nil { filter.open = try parameters.flag("open") }
        if parameters.get("acknowledged") != nil { filter.acknowledged = try parameters.flag("acknowledged") }
        let now = HistorianService.nowNanoseconds()
        filter.from = try parameters.get("from").map { try TimeArgument.parse($0, argument: "from", now: now) }
        filter.to = try parameters.get("to").map { try TimeArgument.parse($0, argument: "to", now: now) }
        filter.limit = try parameters.positiveInteger("limit") ?? 1_000
        return filter
    }
}
