import Historian
import Hummingbird

/// Writes JSON straight into a `ByteBuffer`, faster than `JSONEncoder` for large query results; the
/// buffer becomes the response body without a copy.
/// The caller keeps the structure valid; commas between members and elements are inserted here.
struct JSONWriter {
    /// What was written before the last ``append(_:)``, in order, followed by `buffer`.
    private var earlier: [ByteBuffer] = []
    private var buffer: ByteBuffer
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    /// - Parameters:
    ///   - capacity: bytes to reserve; large answers grow by doubling, callers that know their
    ///     size pass it to avoid the copies.
    ///   - continuingList: true for a fragment of elements that follow earlier ones in the same
    ///     array (its first element starts with a comma); see ``appendElements(_:)``.
    init(capacity: Int = 256, continuingList: Bool = false) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        needsComma = continuingList
    }

    /// The JSON written so far, in pieces to send in order.
    var buffers: [ByteBuffer] { earlier + [buffer] }

    /// The JSON written so far, copied into one array.
    var bytes: [UInt8] { buffers.flatMap { Array($0.readableBytesView) } }

    /// Makes room for `count` more bytes at once (growing at least twofold, so repeated calls stay linear).
    mutating func reserve(_ count: Int) {
        let needed = buffer.writerIndex + count
        if buffer.capacity < needed { buffer.reserveCapacity(max(needed, buffer.capacity * 2)) }
    }

    mutating func beginObject() {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member name; the next call writes its value.
    mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ text: String) {
        separate()
        appendQuoted(text)
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        let comma = needsComma
        write(maximumBytes: 21) { target in
            var cursor = target
            if comma { cursor = NumberText.put(UInt8(ascii: ","), at: cursor) }
            return NumberText.putInteger(value, at: cursor)
        }
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    mutating func unsigned(_ value: UInt64) {
        separate()
        write(maximumBytes: 20) { NumberText.putDigits(value, at: $0) }
        needsComma = true
    }

    /// A number that reads back to the same bits; NaN and infinities, which JSON cannot hold, are
    /// written as null.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        let comma = needsComma
        needsComma = true
        let written = write(maximumBytes: NumberText.maximumDoubleBytes + 1) { target in
            var cursor = target
            if comma { cursor = NumberText.put(UInt8(ascii: ","), at: cursor) }
            return NumberText.putDouble(value, at: cursor) ?? target
        }
        guard written == 0 else { return }
        // The general case: the shortest representation that reads back to the same bits.
        if comma { buffer.writeInteger(UInt8(ascii: ",")) }
        buffer.writeString(value.description)
    }

    /// Writes `count` array elements (rows of a query answer) with as few buffer calls as
    /// possible: `fast` writes element `index` at a pointer with room for `maximumBytes` and
    /// returns the pointer after it, or nil to have `slow` write that element through the
    /// writer's ordinary calls instead.
    mutating func elements(
        count: Int, maximumBytes: Int,
        fast: (_ index: Int, _ cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>?,
        slow: (_ index: Int, _ writer: inout JSONWriter) -> Void
    ) {
        var next = 0
        while next < count {
            // Runs of up to 4,096 elements per buffer call; an element `fast` declines ends a run.
            let runEnd = min(count, next + 4_096)
            var comma = needsComma
            var stopped = false
            write(maximumBytes: (runEnd - next) * (maximumBytes + 1)) { target in
                var cursor = target
                while next < runEnd {
                    let start = comma ? NumberText.put(UInt8(ascii: ","), at: cursor) : cursor
                    guard let end = fast(next, start) else {
                        stopped = true
                        break
                    }
                    cursor = end
                    comma = true
                    next += 1
                }
                return cursor
            }
            needsComma = comma
            if stopped {
                slow(next, &self)
                next += 1
            }
        }
    }

    /// Bytes that are already valid JSON for one value, such as a pre-encoded string literal.
    mutating func literal(_ json: StaticString) {
        separate()
        json.withUTF8Buffer { _ = buffer.writeBytes($0) }
        needsComma = true
    }

    mutating func double(_ value: Double?) {
        if let value { double(value) } else { null() }
    }

    /// A sample's value as its JSON kind: number, boolean or string.
    mutating func value(_ value: SampleValue) {
        switch value {
        case .float(let number): double(number)
        case .integer(let number): integer(number)
        case .unsigned(let number): unsigned(number)
        case .boolean(let flag): boolean(flag)
        case .string(let text): string(text)
        }
    }

    mutating func boolean(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("null")
        needsComma = true
    }

    /// Already-encoded JSON (from `JSONEncoder`), inserted as one value.
    mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        buffer.writeBytes(json)
        needsComma = true
    }

    /// The elements a fragment writer (``init(capacity:continuingList:)``) wrote, as the next
    /// elements of the current array, without copying them.
    mutating func appendElements(_ fragment: JSONWriter) {
        earlier.append(buffer)
        earlier += fragment.buffers
        buffer = ByteBufferAllocator().buffer(capacity: 256)
        needsComma = needsComma || fragment.needsComma
    }

    /// The JSON as an `application/json` response.
    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: earlier.isEmpty ? ResponseBody(byteBuffer: buffer) : ResponseBody(contentsOf: buffers))
    }

    /// Lets `body` write at most `maximumBytes` at a pointer and return the pointer after what it
    /// wrote; returns the bytes written.
    @discardableResult
    private mutating func write(maximumBytes: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) -> Int {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maximumBytes) { target in
            guard let start = target.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            return body(start) - start
        }
    }

    private mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            buffer.writeString(text)
        } else {
            for byte in text.utf8 { appendEscaped(byte) }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
        case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
        case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            buffer.writeBytes([UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        default: buffer.writeInteger(byte)
        }
    }
}
