import Dispatch
import Historian
import Ingest
import NIOCore

/// Parses a plain line protocol body while it arrives: every piece the event loop receives is
/// parsed on a serial queue of its own, so parsing overlaps receiving, and no thread waits for a
/// slow client (the queue runs only when there is a piece to parse).
///
/// Nothing is acknowledged before ``complete()``; a request whose body fails (too large,
/// too slow, connection closed) is ``abandon()``ed and its ingester is not reused. Like the whole-
/// body path, the ingester writes to storage only at the end of the input, or earlier once it holds
/// its batch size of values (the bodies the limits allow stay far below it).
final class StreamingIngest: @unchecked Sendable {
    // Every mutable property below is used on `queue` only.
    private let queue = DispatchQueue(label: "histd.write.parse")
    private let ingester: LineProtocolIngester
    /// The start of a line that the previous piece ended in the middle of.
    private var carry: [UInt8] = []
    private var rejected: [RejectedLine] = []
    private var failure: (any Error)?
    private var abandoned = false

    init(ingester: LineProtocolIngester) {
        self.ingester = ingester
    }

    /// Queues `piece`, the next bytes of the body, for parsing.
    func feed(_ piece: ByteBuffer) {
        queue.async { self.parse(piece) }
    }

    /// Stops parsing what is still queued; the ingester must not be used again.
    func abandon() {
        queue.async { self.abandoned = true }
    }

    /// Parses the last line, writes what the body held and waits until it is durable. Blocks until
    /// the queued pieces are parsed: call it from a thread that may block.
    /// - Returns: the rejected lines and fields.
    /// - Throws: ``HistorianError`` when storing fails (also a failure while a piece was parsed).
    func complete() throws -> [RejectedLine] {
        let result: Result<[RejectedLine], any Error> = queue.sync {
            if let failure { return .failure(failure) }
            do {
                let last = carry
                carry = []
                _ = try last.withUnsafeBytes { bytes in
                    try ingester.ingest(bytes, isFinal: true) { self.rejected.append($0) }
                }
                try ingester.finish { self.rejected.append($0) }
                return .success(rejected)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func parse(_ piece: ByteBuffer) {
        guard failure == nil, !abandoned else { return }
        do {
            try piece.withUnsafeReadableBytes { bytes in
                var start = 0
                if !carry.isEmpty {
                    // Complete the carried line with this piece's first line, then parse the rest in place.
                    guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
                        carry.append(contentsOf: bytes)
                        return
                    }
                    carry.append(contentsOf: bytes[...newline])
                    let line = carry
                    let consumed = try line.withUnsafeBytes { line in
                        try ingester.ingest(line, isFinal: false) { self.rejected.append($0) }
                    }
                    carry = Array(line[consumed...])
                    start = newline + 1
                }
                let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
                let consumed = try ingester.ingest(rest, isFinal: false) { self.rejected.append($0) }
                carry.append(contentsOf: rest[consumed...])
            }
        } catch {
            failure = error
        }
    }
}
