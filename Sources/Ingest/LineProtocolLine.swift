import Historian

/// One parsed line of line protocol, as byte ranges into the buffer it was parsed from.
///
/// The parser reuses one instance for every line so that parsing allocates nothing per line;
/// a line and its ``bytes`` are valid only during the callback that receives them. Names keep
/// their escapes; ``name(_:)`` and ``string(_:)`` decode them when a caller needs a `String`.
public struct LineProtocolLine {
    /// The buffer the ranges point into; valid only during the callback.
    public internal(set) var bytes: UnsafeRawBufferPointer
    /// The 1-based line number in the whole input.
    public internal(set) var lineNumber: Int
    /// The measurement name (escaped).
    public internal(set) var measurement: Range<Int>
    /// The measurement and tag set exactly as written, e.g. `cpu,host=a`: a cheap key for a series cache.
    public internal(set) var seriesBytes: Range<Int>
    /// The tags in the order they were written.
    public internal(set) var tags: [LineProtocolTag]
    /// The fields in the order they were written (at least one).
    public internal(set) var fields: [LineProtocolField]
    /// The timestamp in nanoseconds, or nil when the line has none (the writer's clock applies).
    public internal(set) var timestamp: Int64?

    init() {
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        lineNumber = 0
        measurement = 0..<0
        seriesBytes = 0..<0
        tags = []
        fields = []
        timestamp = nil
    }

    /// Decodes a measurement, tag or field-key range: `\,`, `\=`, `\ ` and `\\` become the escaped byte.
    public func name(_ range: Range<Int>) -> String {
        unescape(range) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\\") }
    }

    /// Decodes the content of a string field value: `\"` and `\\` become the escaped byte.
    public func string(_ range: Range<Int>) -> String {
        unescape(range) { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    /// Like ``name(_:)``, but nil when the decoded bytes are not valid UTF-8 (instead of replacing
    /// them: two different invalid names would otherwise become one series).
    public func validName(_ range: Range<Int>) -> String? {
        String(
            validating: unescapedBytes(range) {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\\")
            }, as: UTF8.self)
    }

    private func unescape(_ range: Range<Int>, isEscapable: (UInt8) -> Bool) -> String {
        String(decoding: unescapedBytes(range, isEscapable: isEscapable), as: UTF8.self)
    }

    private func unescapedBytes(_ range: Range<Int>, isEscapable: (UInt8) -> Bool) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound, isEscapable(bytes[index + 1]) {
                decoded.append(bytes[index + 1])
                index += 2
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return decoded
    }
}
