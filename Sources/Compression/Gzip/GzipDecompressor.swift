import CZlib

/// Inflates gzip data fed in pieces (a file read in blocks, a request body), including files made of
/// several concatenated gzip members, as `gzip -d` does. No file access: bytes in, bytes out.
public final class GzipDecompressor {
    private var stream = z_stream()
    private var isInMember = false
    private var isOpen = false

    /// - Throws: `CompressionError.gzip` if zlib cannot be initialised.
    public init() throws(CompressionError) {
        // 16 + 15: a gzip wrapper around a deflate stream with the largest window.
        let status = inflateInit2_(&stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .gzip("inflateInit2 failed with status \(status)") }
        isOpen = true
    }

    deinit {
        if isOpen { inflateEnd(&stream) }
    }

    /// Feeds compressed bytes (at most 4 GiB per call) and returns the decompressed bytes they complete.
    /// - Throws: `CompressionError.gzip` on input that is not gzip or fails its checksum.
    public func decompress(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> [UInt8] {
        guard let base = input.baseAddress, input.count > 0 else { return [] }
        guard input.count <= Int(UInt32.max) else { throw .gzip("one input piece is larger than 4 GiB") }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            let status = chunk.withUnsafeMutableBytes { buffer in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            switch status {
            case Z_STREAM_END:
                isInMember = false
                // Another member may follow: start it afresh with the same settings.
                guard inflateReset(&stream) == Z_OK else { throw .gzip("inflateReset failed") }
                if stream.avail_in == 0 { return output }
            case Z_OK, Z_BUF_ERROR:
                isInMember = true
                // Output space left over means zlib wants more input than this piece had.
                if stream.avail_out > 0 && (stream.avail_in == 0 || status == Z_BUF_ERROR) { return output }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw .gzip("invalid gzip data: \(message)")
            }
        }
    }

    /// Ends the input.
    /// - Throws: `CompressionError.truncated` if it ended inside a gzip member.
    public func finish() throws(CompressionError) {
        if isInMember {
            throw .truncated(context: "gzip input", offset: Int(stream.total_in))
        }
    }
}
