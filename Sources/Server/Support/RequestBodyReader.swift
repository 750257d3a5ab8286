import Compression
import Hummingbird
import NIOCore

/// Reads a request body whole, within the size and time limits, and decodes gzip.
struct RequestBodyReader: Sendable {
    let maximumBytes: Int
    let timeout: Duration

    /// The body as received, and whether it is gzip.
    struct Body: Sendable {
        var received: ByteBuffer
        var isGzip: Bool
        /// The number of bytes that came over the wire.
        var receivedBytes: Int { received.readableBytes }
    }

    /// - Throws: 413 when the body exceeds the limit, 408 when it arrives too slowly, 415 for
    ///   encodings other than gzip (``content(of:)`` inflates gzip).
    func read(_ request: Request) async throws -> Body {
        let isGzip = try isGzip(request)
        try checkDeclaredLength(request)
        let limit = maximumBytes
        let received = try await withinTimeout {
            var request = request
            do {
                return try await request.collectBody(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes")
            }
        }
        return Body(received: received, isGzip: isGzip)
    }

    /// Hands the body to `receive` piece by piece as it arrives, within the size and time limits.
    /// - Returns: the bytes received.
    /// - Throws: 413 when the body exceeds the limit, 408 when it arrives too slowly.
    func stream(_ request: Request, to receive: @escaping @Sendable (ByteBuffer) -> Void) async throws -> Int {
        try checkDeclaredLength(request)
        let limit = maximumBytes
        return try await withinTimeout {
            var received = 0
            for try await piece in request.body {
                received += piece.readableBytes
                guard received <= limit else { throw APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes") }
                receive(piece)
            }
            return received
        }
    }

    /// Whether the body is gzip.
    /// - Throws: 415 for encodings other than gzip and identity.
    func isGzip(_ request: Request) throws -> Bool {
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "identity": false
        case "gzip", "x-gzip": true
        case let other?:
            throw APIError(.unsupportedMediaType, "Content-Encoding '\(other)' is not supported; send gzip or no encoding")
        }
    }

    private func checkDeclaredLength(_ request: Request) throws {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBytes {
            throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(maximumBytes) bytes")
        }
    }

    /// `receive`'s result, or 408 when it takes longer than the timeout.
    private func withinTimeout<Value: Sendable>(_ receive: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let timeout = timeout
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await receive() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw APIError(.requestTimeout, "request body not received within \(timeout)")
            }
            return value
        }
    }

    /// The decoded content of `body`: CPU work, so callers run it off the event loop.
    /// - Throws: 413 when a gzip body inflates beyond the limit, 400 when it is not valid gzip.
    func content(of body: Body) throws -> ByteBuffer {
        body.isGzip ? try inflate(body.received) : body.received
    }

    /// Inflates in small pieces, so that a small body that inflates enormously stops at the limit.
    private func inflate(_ compressed: ByteBuffer) throws -> ByteBuffer {
        var output = ByteBuffer()
        do {
            let decompressor = try GzipDecompressor()
            let pieceSize = 16 * 1024
            try compressed.withUnsafeReadableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let end = min(buffer.count, offset + pieceSize)
                    let piece = try decompressor.decompress(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                    output.writeBytes(piece)
                    guard output.readableBytes <= maximumBytes else {
                        throw CompressionError.gzip("too large")
                    }
                    offset = end
                }
            }
            try decompressor.finish()
        } catch {
            if output.readableBytes > maximumBytes {
                throw APIError(.contentTooLarge, "gzip request body inflates beyond the limit of \(maximumBytes) bytes")
            }
            throw APIError(.badRequest, "request body is not valid gzip: \(error)")
        }
        return output
    }
}
