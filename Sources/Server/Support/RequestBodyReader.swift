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
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBytes {
            throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(maximumBytes) bytes")
        }
        let limit = maximumBytes
        let received = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var request = request
                do {
                    return try await request.collectBody(upTo: limit)
                } catch is NIOTooManyBytesError {
                    throw APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes")
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else {
                throw APIError(.requestTimeout, "request body not received within \(timeout)")
            }
            return body
        }
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "identity":
            return Body(received: received, isGzip: false)
        case "gzip", "x-gzip":
            return Body(received: received, isGzip: true)
        case let other?:
            throw APIError(.unsupportedMediaType, "Content-Encoding '\(other)' is not supported; send gzip or no encoding")
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
