/// What a decoder or encoder of this module reports instead of trapping.
///
/// Offsets are byte offsets into the buffer that was being decoded.
public enum CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended before the structure being read was complete.
    case truncated(context: String, offset: Int)
    /// The input holds bytes that no encoder of this module writes.
    case corrupt(context: String, offset: Int, reason: String)
    /// `TimestampEncoder.append(_:)` got a timestamp smaller than the previous one.
    case timestampOutOfOrder(previous: Int64, next: Int64)
    /// A bulk decoder was given an output buffer with room for fewer values than the stream holds.
    case bufferTooSmall(needed: Int, available: Int)
    /// libzstd reported an error.
    case zstd(String)
    /// zlib reported an error while inflating gzip input.
    case gzip(String)

    public var description: String {
        switch self {
        case .truncated(let context, let offset):
            return "truncated \(context): input ends at byte \(offset)"
        case .corrupt(let context, let offset, let reason):
            return "corrupt \(context) at byte \(offset): \(reason)"
        case .timestampOutOfOrder(let previous, let next):
            return "timestamp \(next) is smaller than the previous timestamp \(previous) of the chunk"
        case .bufferTooSmall(let needed, let available):
            return "output buffer holds \(available) values, the stream has \(needed)"
        case .zstd(let message):
            return "zstd: \(message)"
        case .gzip(let message):
            return "gzip: \(message)"
        }
    }
}
