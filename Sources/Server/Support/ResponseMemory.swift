import Hummingbird
import NIOCore
import Synchronization

/// Bounds the memory that finished answers hold while clients read them: an answer reserves its
/// bytes before it is sent and gives them back when its last byte is written or the connection
/// is dropped. Written in pieces of 1 MiB, an answer waits while the socket is full (the client does
/// not read); ``ConnectionGuard`` closes a connection that stays full for `limits.write_stall_timeout`,
/// so such clients cannot hold the memory for ever. While the budget is spent, new answers wait a
/// moment, then get 503.
final class ResponseMemory: Sendable {
    /// Bytes all answers in flight may hold together.
    let limit: Int
    /// How long an answer waits for room before it is refused.
    let admissionTimeout: Duration
    private let used = Mutex<Int>(0)

    init(limit: Int, admissionTimeout: Duration = .seconds(5)) {
        self.limit = limit
        self.admissionTimeout = admissionTimeout
    }

    /// Bytes held by answers in flight.
    var bytesInFlight: Int { used.withLock { $0 } }

    /// An answer made by `make` inside a query slot of `limiter`, with its bytes reserved before
    /// the slot is given back: at most the running queries' answers exist beyond the budget.
    /// - Throws: a 503 ``APIError`` when the budget has no room for it within ``admissionTimeout``
    ///   (an answer larger than the whole budget waits for every other one to finish); what the
    ///   limiter and `make` throw.
    func answer(in limiter: QueryLimiter, _ make: @escaping @Sendable () async throws -> [ByteBuffer]) async throws -> ResponseBody {
        let (buffers, reservation) = try await limiter.withSlot { () async throws -> ([ByteBuffer], Reservation) in
            let buffers = try await make()
            return (buffers, try await reserve(buffers.reduce(0) { $0 + $1.readableBytes }))
        }
        return body(buffers, reservation: reservation)
    }

    /// A body of `buffers` that holds `reservation` until it is written (or dropped), written
    /// piece by piece, each write waiting while the client does not read.
    func body(_ buffers: [ByteBuffer], reservation: Reservation) -> ResponseBody {
        let size = buffers.reduce(0) { $0 + $1.readableBytes }
        // A small answer holds nothing of the budget: handed over whole, as before the budget.
        guard size > Self.smallAnswerBytes else {
            return buffers.count == 1 ? ResponseBody(byteBuffer: buffers[0]) : ResponseBody(contentsOf: buffers)
        }
        return ResponseBody(contentLength: size) { writer in
            defer { reservation.release() }
            // Pieces of about pieceBytes, each one write: an answer formatted in parallel comes in
            // dozens of small buffers, and a write per buffer cost a raw answer a quarter of its time.
            var piece: [ByteBuffer] = []
            var pieceSize = 0
            for buffer in buffers {
                var rest = buffer
                while rest.readableBytes > 0, let part = rest.readSlice(length: min(rest.readableBytes, Self.pieceBytes - pieceSize)) {
                    piece.append(part)
                    pieceSize += part.readableBytes
                    if pieceSize >= Self.pieceBytes {
                        try await writer.write(contentsOf: piece)
                        piece.removeAll(keepingCapacity: true)
                        pieceSize = 0
                    }
                }
            }
            if !piece.isEmpty { try await writer.write(contentsOf: piece) }
            try await writer.finish(nil)
        }
    }

    /// Bytes written at a time: the writer waits for the socket between pieces.
    static let pieceBytes = 1 << 20

    /// A claim on the budget; released once, by ``release()`` or when it is dropped.
    final class Reservation: Sendable {
        private let memory: ResponseMemory
        private let bytes: Int
        private let released = Atomic<Bool>(false)

        init(memory: ResponseMemory, bytes: Int) {
            self.memory = memory
            self.bytes = bytes
        }

        func release() {
            guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
            memory.used.withLock { $0 -= bytes }
        }

        deinit { release() }
    }

    /// Answers up to this size take nothing of the budget: clients that hold large answers must
    /// not keep small ones (health dashboards, latest values) from going out; the connection limits
    /// bound what small answers hold together.
    static let smallAnswerBytes = 64 << 10

    /// Takes `bytes` of the budget, waiting up to ``admissionTimeout`` for room.
    func reserve(_ bytes: Int) async throws -> Reservation {
        guard bytes > Self.smallAnswerBytes else { return Reservation(memory: self, bytes: 0) }
        let deadline = ContinuousClock.now + admissionTimeout
        while true {
            // An answer larger than the whole budget may go alone.
            let taken = used.withLock { used -> Bool in
                guard used == 0 || used + bytes <= limit else { return false }
                used += bytes
                return true
            }
            if taken { return Reservation(memory: self, bytes: bytes) }
            guard ContinuousClock.now < deadline else {
                throw APIError(
                    .serviceUnavailable,
                    "answers of \(bytesInFlight) bytes are waiting for their clients to read them (limits.response_memory_bytes); retry later")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
