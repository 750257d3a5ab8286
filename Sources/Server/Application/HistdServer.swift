import Historian
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Live
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// The `histd serve` daemon: the storage engine, the HTTP API and background maintenance in one
/// service group that shuts down in order on SIGTERM or SIGINT.
///
/// Shutdown: readiness turns false and queries in flight are cancelled, the HTTP server stops
/// accepting and finishes the requests in flight, then the storage engine makes the WAL durable and
/// seals the head into partition files; all within `limits.shutdown_timeout` (``ShutdownDeadline``).
public struct HistdServer: Sendable {
    /// The settings the server runs with.
    public let configuration: ServerConfiguration
    private let logger: Logger

    /// Prepares a server; nothing is opened until ``run(onRunning:)``.
    public init(configuration: ServerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Opens the data directory, serves until SIGTERM/SIGINT (or until the task is cancelled), then
    /// shuts down in order.
    /// - Parameter onRunning: called with the bound port once the server accepts connections.
    /// - Throws: ``ConfigurationError`` for an unsafe or invalid configuration, ``HistorianError``
    ///   when the data directory cannot be opened or recovered, and what binding the port throws.
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        try configuration.validate()
        AllocatorTuning.apply()
        for (key, value) in configuration.summary {
            logger.info("configuration", metadata: ["key": "\(key)", "value": "\(value)"])
        }
        let metrics = ServerMetrics()
        var options = configuration.historianOptions
        options.walSyncObserver = { [metrics] duration in metrics.walSyncLatency.record(duration) }
        options.flushObserver = { [logger] report in
            logger.info(
                "head flushed",
                metadata: [
                    "pause_ms": "\(FlushReport.milliseconds(report.pause))", "writing_ms": "\(FlushReport.milliseconds(report.writing))",
                    "publishing_ms": "\(FlushReport.milliseconds(report.publishing))", "chunks": "\(report.chunks)", "files": "\(report.files)",
                ])
            if report.chunks >= AllocatorTuning.largeFlushChunks { AllocatorTuning.releaseFreeMemory() }
        }
        let historian = try Historian(directory: configuration.dataDirectory, options: options)
        let recovery = historian.recovery
        logger.info("storage opened", metadata: ["data": "\(configuration.dataDirectory)", "recovery": "\(recovery)"])
        if !recovery.damage.isEmpty || !recovery.missingSegments.isEmpty {
            logger.critical(
                "the write-ahead log was damaged and opened with --accept-wal-loss: acknowledged writes in the damaged bytes or missing segments are lost",
                metadata: ["damage": "\(recovery.damage)", "missing_segments": "\(recovery.missingSegments)"])
        }
        let live = try LiveSPC(historian: historian)
        let machines = try OEEMachineCatalog(
            configured: configuration.machines, registry: try MachineRegistry(directory: configuration.dataDirectory))
        let executor = BlockingExecutor(threads: max(4, System.coreCount * 2))
        let readiness = Readiness()
        let router = makeRouter(historian: historian, live: live, machines: machines, executor: executor, metrics: metrics, readiness: readiness)
        let limits = configuration.limits
        let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let clients = ClientConnectionCounter(limit: limits.maxConnectionsPerClient, maximumConnections: limits.maxConnections)
        let deadline = ShutdownDeadline(timeout: limits.shutdownTimeout, logger: logger)
        let headerTimeout = TimeAmount.nanoseconds(limits.headerTimeout.nanosecondsClamped)
        let http = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGuard(
                        counter: clients, headerTimeout: headerTimeout,
                        writeStallTimeout: .nanoseconds(limits.writeStallTimeout.nanosecondsClamped))
                ],
                idleTimeout: .nanoseconds(limits.idleTimeout.nanosecondsClamped),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes, maxHeaderFieldCount: 200)))
        let application = Application(
            router: router,
            server: try configuration.tlsServerConfiguration().map { try HTTPServerBuilder.tls(http, tlsConfiguration: $0) } ?? http,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "histd",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections + ClientConnectionCounter.reservedConnections)),
            onServerRunning: { [logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
                await onRunning(port)
            },
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger)
        let storage = HistorianService(historian: historian, live: live, executor: executor, settings: configuration.maintenance, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    storage, EventLoopBoundService(application, executor: EventLoopTaskExecutor(eventLoop: eventLoopGroup.next())),
                    ReadinessService(readiness: readiness, historian: historian, live: live, deadline: deadline),
                ],
                gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
        defer { deadline.cancel() }
        try await group.run()
        try await eventLoopGroup.shutdownGracefully()
        logger.info("stopped")
    }

    private func makeRouter(
        historian: Historian, live: LiveSPC, machines: OEEMachineCatalog, executor: BlockingExecutor, metrics: ServerMetrics, readiness: Readiness
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: VersionHeaderMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: QueryMetricsMiddleware(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(tokens: configuration.tokens))
        let limits = configuration.limits
        let bodyReader = RequestBodyReader(maximumBytes: limits.maxBodyBytes, timeout: limits.requestTimeout)
        let limiter = QueryLimiter(maximumRunning: limits.maxConcurrentQueries, maximumWaiting: limits.maxQueuedQueries, metrics: metrics)
        let responseMemory = ResponseMemory(limit: limits.responseMemoryBytes)
        HealthRoutes(historian: historian, metrics: metrics, readiness: readiness).register(on: router)
        WriteRoutes(
            executor: executor, metrics: metrics, bodyReader: bodyReader, databaseTag: configuration.databaseTag,
            ingesters: IngesterPool(historian: historian, plausibleTimes: configuration.plausibleTimeWindow)
        )
        .register(on: router)
        AdminRoutes(historian: historian, executor: executor, settings: configuration.maintenance).register(on: router)
        QueryRoutes(
            historian: historian, executor: executor, limiter: limiter, responseMemory: responseMemory, metrics: metrics,
            maximumPoints: limits.maxQueryPoints, databaseTag: configuration.databaseTag
        )
        .register(on: router)
        InfluxQLRoutes(
            historian: historian, executor: executor, limiter: limiter, responseMemory: responseMemory, bodyReader: bodyReader,
            databaseTag: configuration.databaseTag, maximumPoints: limits.maxQueryPoints
        )
        .register(on: router)
        FluxQueryRoutes().register(on: router)
        SeriesRoutes(historian: historian, executor: executor, databaseTag: configuration.databaseTag).register(on: router)
        SPCRoutes(
            historian: historian, executor: executor, limiter: limiter, maximumPoints: limits.maxQueryPoints, databaseTag: configuration.databaseTag
        )
        .register(on: router)
        let definitionReader = RequestBodyReader(maximumBytes: ChartDefinitionRoutes.maximumBodyBytes, timeout: limits.requestTimeout)
        ChartDefinitionRoutes(live: live, executor: executor, bodyReader: definitionReader).register(on: router)
        EventRoutes(live: live, executor: executor, bodyReader: definitionReader).register(on: router)
        OEERoutes(historian: historian, executor: executor, limiter: limiter, catalog: machines, maximumPoints: limits.maxQueryPoints)
            .register(on: router)
        OEEMachineRoutes(historian: historian, catalog: machines, executor: executor, bodyReader: definitionReader).register(on: router)
        return router
    }
}

extension Duration {
    /// Whole nanoseconds, clamped to Int64.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
