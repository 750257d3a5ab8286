import Foundation
import Logging
import Server

/// Runs the real server in-process on a free loopback port for the duration of `body`.
enum TestServer {
    static func with<T: Sendable>(
        _ configure: (inout ServerConfiguration) -> Void = { _ in },
        dataDirectory: String? = nil,
        _ body: @Sendable (HTTPTestClient, ServerConfiguration) async throws -> T
    ) async throws -> T {
        let directory = dataDirectory ?? NSTemporaryDirectory() + "histd-server-test-" + UUID().uuidString
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.port = 0
        configure(&configuration)
        var logger = Logger(label: "histd-test")
        logger.logLevel = .warning
        let server = HistdServer(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await server.run(gracefulShutdownSignals: []) { port in continuation.yield(port) }
        }
        defer { if dataDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw HTTPTestClient.ClientError("server ended before listening")
        }
        do {
            let result = try await body(HTTPTestClient(port: port), configuration)
            task.cancel()
            try? await task.value
            return result
        } catch {
            task.cancel()
            try? await task.value
            throw error
        }
    }
}
