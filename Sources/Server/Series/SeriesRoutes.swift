import Historian
import Hummingbird
import Query

/// `GET /api/v1/series` (list and search), `DELETE /api/v1/series` (samples in a time range, `admin`
/// scope), `GET /api/v1/series/{id}` and `PUT /api/v1/series/{id}` (read and replace metadata); see
/// docs/http-api.md, "Series".
struct SeriesRoutes {
    let historian: Historian
    let executor: BlockingExecutor
    /// The tag whose values are databases, to keep a limited token to its own.
    let databaseTag: String
    /// Largest `PUT` body accepted, bytes.
    static let maximumBodyBytes = 64 * 1024

    func register(on router: Router<ServerRequestContext>) {
        router.get("/api/v1/series") { request, context in
            try request.uri.queryParameters.requireKnown(["measurement", "tag", "field", "u", "p"])
            let selection = context.limited(try request.uri.queryParameters.seriesSelection(), tag: databaseTag)
            let historian = historian
            let bytes = try await executor.run {
                let series = selection.series(in: historian)
                var writer = JSONWriter(capacity: 256 * series.count + 16)
                writer.beginObject()
                writer.key("series")
                writer.beginArray()
                for item in series { SeriesDocument.write(item, into: &writer) }
                writer.endArray()
                writer.endObject()
                return writer.bytes
            }
            return Self.response(bytes)
        }
        router.delete("/api/v1/series") { request, context in
            let parameters = request.uri.queryParameters
            try parameters.requireKnown(["measurement", "tag", "field", "from", "to", "u", "p"])
            guard let fromText = parameters.get("from"), let toText = parameters.get("to") else {
                throw APIError.badRequest("from and to are both required: a delete names its time range (RFC 3339, epoch with a unit or now-1h)")
            }
            let range = try TimeArgument.range(from: fromText, to: toText, now: HistorianService.nowNanoseconds())
            let selection = context.limited(try parameters.seriesSelection(), tag: databaseTag)
            let historian = historian
            let deleted: Int
            do {
                deleted = try await executor.run { try SampleDeletion.delete(selection, from: range.from, to: range.to, in: historian) }
            } catch let error as HistorianError {
                context.logger.error("delete failed", metadata: ["error": "\(error)"])
                throw WriteRoutes.storageError(error)
            }
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("deleted")
            writer.integer(deleted)
            writer.endObject()
            return writer.response()
        }
        router.get("/api/v1/series/:id") { _, context in
            let id = try Self.seriesID(context)
            let historian = historian
            let series = try await executor.run { historian.series(id) }
            return try Self.answer(series.flatMap { context.maySee($0, tag: databaseTag) ? $0 : nil }, id: id)
        }
        router.put("/api/v1/series/:id") { request, context in
            let id = try Self.seriesID(context)
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maximumBodyBytes)
            } catch {
                throw APIError(.contentTooLarge, "metadata body exceeds \(Self.maximumBodyBytes) bytes")
            }
            let metadata = try MetadataDocument.parse(Array(buffer: body))
            let historian = historian
            let databaseTag = databaseTag
            let series = try await executor.run { () throws -> Series? in
                guard let found = historian.series(id), context.maySee(found, tag: databaseTag) else { return nil }
                try historian.setMetadata(metadata, for: id)
                return historian.series(id)
            }
            return try Self.answer(series, id: id)
        }
    }

    /// The `{id}` path parameter.
    /// - Throws: a 400 ``APIError`` when it is not a series id.
    static func seriesID(_ context: ServerRequestContext) throws -> SeriesID {
        let text = context.parameters.get("id") ?? ""
        guard let id = SeriesID(text), id > 0 else {
            throw APIError.badRequest("series id '\(text)' is not a positive integer")
        }
        return id
    }

    private static func answer(_ series: Series?, id: SeriesID) throws -> Response {
        guard let series else { throw APIError(.notFound, "no series with id \(id)") }
        var writer = JSONWriter()
        SeriesDocument.write(series, into: &writer)
        return response(writer.bytes)
    }

    private static func response(_ bytes: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
