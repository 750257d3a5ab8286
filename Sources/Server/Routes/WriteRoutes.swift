import Historian
import Hummingbird
import Ingest
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `POST /write` (InfluxDB 1.x) and `POST /api/v2/write` (InfluxDB 2.x): line protocol in, 204 once durable.
struct WriteRoutes {
    let executor: BlockingExecutor
    let metrics: ServerMetrics
    let bodyReader: RequestBodyReader
    let databaseTag: String
    let ingesters: IngesterPool

    /// What one write request stored and rejected.
    private struct Outcome: Sendable {
        /// When the last byte of the body arrived.
        var received: ContinuousClock.Instant
        var values: Int
        var lines: Int
        var rejected: [RejectedLine]
    }

    func register(on router: Router<ServerRequestContext>) {
        router.post("/write") { request, context in
            try await write(
                request, context: context, database: request.uri.queryParameters.get("db"),
                precisionName: request.uri.queryParameters.get("precision"))
        }
        router.post("/api/v2/write") { request, context in
            guard let bucket = request.uri.queryParameters.get("bucket"), !bucket.isEmpty else {
                throw APIError.badRequest("bucket is required (query parameter 'bucket')")
            }
            return try await write(request, context: context, database: bucket, precisionName: request.uri.queryParameters.get("precision"))
        }
    }

    private func write(_ request: Request, context: ServerRequestContext, database: String?, precisionName: String?) async throws -> Response {
        try context.requireDatabase(database)
        metrics.writeRequests.increment()
        let precision = try Self.precision(precisionName)
        let tags = database.flatMap { $0.isEmpty ? nil : [SeriesKey.Tag(key: databaseTag, value: $0)] } ?? []
        let outcome: Outcome
        do {
            outcome =
                try await bodyReader.isGzip(request)
                ? ingestWhole(request, precision: precision, tags: tags)
                : ingestWhileReceiving(request, precision: precision, tags: tags)
        } catch let error as HistorianError {
            context.logger.error("write failed", metadata: ["error": "\(error)"])
            throw Self.storageError(error)
        }
        metrics.writeLatency.record(ContinuousClock.now - outcome.received)
        metrics.ingestedValues.increment(by: Int64(outcome.values))
        metrics.ingestedLines.increment(by: Int64(outcome.lines))
        guard outcome.rejected.isEmpty else {
            metrics.rejectedLines.increment(by: Int64(outcome.rejected.count))
            throw APIError(.badRequest, Self.partialWriteMessage(outcome.rejected))
        }
        return Response(status: .noContent)
    }

    /// 507 for a full disk, 500 for other storage failures, naming the operation and the system's
    /// reason but not the server's paths.
    static func storageError(_ error: HistorianError) -> APIError {
        let unstored = "nothing of this request may be assumed stored (the server log has details)"
        guard case .io(_, let operation, let code) = error else {
            return APIError(.internalServerError, "storage failure; \(unstored)")
        }
        let reason = "\(operation) failed: \(String(cString: strerror(code)))"
        if code == ENOSPC || code == EDQUOT {
            return APIError(.init(code: 507, reasonPhrase: "Insufficient Storage"), "no space left for the write-ahead log (\(reason)); \(unstored)")
        }
        return APIError(.internalServerError, "storage failure (\(reason)); \(unstored)")
    }

    /// A plain body is parsed piece by piece as it arrives (see ``StreamingIngest``).
    private func ingestWhileReceiving(_ request: Request, precision: TimestampPrecision, tags: [SeriesKey.Tag]) async throws -> Outcome {
        let lease = ingesters.checkOut(precision: precision, tags: tags, defaultTimestamp: HistorianService.nowNanoseconds())
        let stream = StreamingIngest(ingester: lease.ingester)
        do {
            let receivedBytes = try await bodyReader.stream(request) { stream.feed($0) }
            metrics.ingestedBytes.increment(by: Int64(receivedBytes))
        } catch {
            stream.abandon()
            throw error
        }
        let received = ContinuousClock.now
        let ingesters = ingesters
        return try await executor.run { () throws -> Outcome in
            let rejected = try stream.complete()
            let ingester = lease.ingester
            let outcome = Outcome(received: received, values: ingester.valuesWritten, lines: ingester.linesAccepted, rejected: rejected)
            ingesters.checkIn(lease)
            return outcome
        }
    }

    /// A gzip body is received whole, then inflated and parsed on the pool.
    private func ingestWhole(_ request: Request, precision: TimestampPrecision, tags: [SeriesKey.Tag]) async throws -> Outcome {
        let body = try await bodyReader.read(request)
        let received = ContinuousClock.now
        metrics.ingestedBytes.increment(by: Int64(body.receivedBytes))
        let ingesters = ingesters
        let bodyReader = bodyReader
        return try await executor.run { () throws -> Outcome in
            // Inflating gzip is CPU work: here, not on the event loop that serves every connection.
            let content = try bodyReader.content(of: body)
            let lease = ingesters.checkOut(precision: precision, tags: tags, defaultTimestamp: HistorianService.nowNanoseconds())
            let ingester = lease.ingester
            var rejected: [RejectedLine] = []
            _ = try content.withUnsafeReadableBytes { bytes in
                try ingester.ingest(bytes, isFinal: true) { rejected.append($0) }
            }
            try ingester.finish { rejected.append($0) }
            let outcome = Outcome(received: received, values: ingester.valuesWritten, lines: ingester.linesAccepted, rejected: rejected)
            ingesters.checkIn(lease)
            return outcome
        }
    }

    /// InfluxDB's form: `partial write: <reasons> dropped=N`, one reason per bad line or field.
    static func partialWriteMessage(_ rejected: [RejectedLine]) -> String {
        let shown = rejected.prefix(100).map(\.description).joined(separator: "; ")
        let more = rejected.count > 100 ? "; and \(rejected.count - 100) more" : ""
        return "partial write: \(shown)\(more) dropped=\(rejected.count)"
    }

    /// InfluxDB 1.x names `n`, `u`, `ms`, `s`; 2.x names `ns`, `us`, `ms`, `s`.
    static func precision(_ name: String?) throws -> TimestampPrecision {
        switch name {
        case nil, "", "n", "ns": .nanoseconds
        case "u", "us", "µ", "µs": .microseconds
        case "ms": .milliseconds
        case "s": .seconds
        case let other?:
            throw APIError.badRequest("precision '\(other)' is not supported; use ns, us, ms or s (InfluxDB 1.x: n, u, ms, s)")
        }
    }
}
