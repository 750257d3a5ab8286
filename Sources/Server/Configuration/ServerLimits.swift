/// Bounds that keep one client from stalling or exhausting the server.
public struct ServerLimits: Sendable, Equatable {
    /// Largest request body, in bytes, before and after gzip decoding (InfluxDB's default is 25 MB).
    public var maxBodyBytes = 32 << 20
    /// Largest total size of a request's header fields, in bytes.
    public var maxHeaderBytes = 16 << 10
    /// Queries (query, SPC, OEE) that run at once; more wait in a queue.
    public var maxConcurrentQueries = 4
    /// Queries that may wait for a slot; more are refused with 503.
    public var maxQueuedQueries = 64
    /// Longest time a request may take, reading its body included; then it gets 503.
    public var requestTimeout = Duration.seconds(60)
    /// A connection with nothing to read for this long is closed.
    public var idleTimeout = Duration.seconds(120)
    /// A request's header must arrive whole within this time of its first byte (or of the
    /// connection's opening); bytes trickled in do not extend it.
    public var headerTimeout = Duration.seconds(10)
    /// Most connections open at once from one client address; more are closed at once.
    public var maxConnectionsPerClient = 256
    /// Most points (samples, buckets, values) a query may return; larger queries are refused before they run.
    public var maxQueryPoints = 5_000_000
    /// Most series the data directory may hold (InfluxDB's `max-series-per-database`); writes of
    /// new series past it are refused line by line, the rest of the batch is stored.
    public var maxSeries = 1_000_000
    /// Most series one measurement may hold; none by default (only `maxSeries`).
    public var maxSeriesPerMeasurement = Int.max
    /// Most connections open at once; more wait in the listen backlog.
    public var maxConnections = 1_024
    /// Bytes that finished query answers may hold together while their clients read them; more
    /// answers wait a moment, then get 503.
    public var responseMemoryBytes = 256 << 20
    /// A connection whose client reads nothing of an answer for this long is closed.
    public var writeStallTimeout = Duration.seconds(30)
    /// Longest time from SIGTERM (or SIGINT) to the end of the process. Queries are cancelled at
    /// once; if anything still runs at this deadline the process exits without sealing the head
    /// (every acknowledged write is in the WAL and replayed at the next start).
    public var shutdownTimeout = Duration.seconds(60)

    /// The defaults.
    public init() {}
}
