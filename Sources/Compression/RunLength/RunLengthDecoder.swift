/// Decodes what `RunLengthEncoder` wrote. The initializer walks every run, so a decoder that exists
/// holds a stream whose run lengths add up to its count.
public struct RunLengthDecoder: Sendable {
    /// A run-length stream holds at most this many values (2^24), so a hostile length cannot make
    /// `decodeAll()` allocate without bound.
    public static let maximumCount = 1 << 24
    @usableFromInline static let formatTag: UInt8 = 0x52 // "R"
    @usableFromInline static let name = "run-length stream"

    @usableFromInline let bytes: [UInt8]
    @usableFromInline let runsOffset: Int
    @usableFromInline let runCount: Int

    /// Number of values in the stream.
    public let count: Int

    /// Checks the header and every run.
    /// - Throws: `CompressionError` if the bytes are not a valid run-length stream.
    @inlinable
    public init(_ bytes: [UInt8]) throws(CompressionError) {
        self.bytes = bytes
        (count, runCount, runsOffset) = try bytes.withCheckedBytes { buffer throws(CompressionError) in
            var reader = ByteReader(buffer, context: Self.name)
            let tag = try reader.readByte()
            guard tag == Self.formatTag else { throw reader.corrupt("format tag \(tag) is not \(Self.formatTag)", at: 0) }
            let version = try reader.readByte()
            guard version == streamFormatVersion else {
                throw reader.corrupt("format version \(version) is not supported (this build reads \(streamFormatVersion))", at: 1)
            }
            let count = try reader.readLength(limit: Self.maximumCount, what: "value count")
            let runCount = try reader.readLength(limit: count, what: "run count")
            let runsOffset = reader.offset
            var covered = 0
            for _ in 0..<runCount {
                _ = try reader.readVarint()
                let lengthOffset = reader.offset
                let length = try reader.readVarint()
                guard length < UInt64(count - covered) else {
                    throw reader.corrupt("run of \(length + 1) values exceeds the \(count - covered) left", at: lengthOffset)
                }
                covered += Int(length) + 1
            }
            guard covered == count else {
                throw reader.corrupt("runs cover \(covered) of \(count) values")
            }
            guard reader.isAtEnd else { throw reader.corrupt("\(reader.remaining) bytes after the last run") }
            return (count, runCount, runsOffset)
        }
    }

    /// Decodes every value into the start of `buffer`, which must hold at least `count` values.
    /// - Throws: `CompressionError.bufferTooSmall` if it does not.
    @inlinable
    public func decode(into buffer: UnsafeMutableBufferPointer<Int64>) throws(CompressionError) {
        guard count > 0 else { return }
        guard buffer.count >= count, let output = buffer.baseAddress else {
            throw .bufferTooSmall(needed: count, available: buffer.count)
        }
        try forEachRun { value, start, length in
            (output + start).update(repeating: value, count: length)
        }
    }

    /// Decodes every value into a new array.
    @inlinable
    public func decodeAll() throws(CompressionError) -> [Int64] {
        var values: [Int64] = []
        values.reserveCapacity(count)
        try forEachRun { value, _, length in
            values.append(contentsOf: repeatElement(value, count: length))
        }
        return values
    }

    /// The runs as (value, start index, length), without expanding them.
    @inlinable
    public func runs() throws(CompressionError) -> [(value: Int64, start: Int, length: Int)] {
        var result: [(value: Int64, start: Int, length: Int)] = []
        result.reserveCapacity(runCount)
        try forEachRun { value, start, length in result.append((value, start, length)) }
        return result
    }

    /// An iterator over the values.
    @inlinable
    public func makeIterator() throws(CompressionError) -> Iterator {
        Iterator(runs: try runs())
    }

    @inlinable
    func forEachRun(_ body: (Int64, Int, Int) -> Void) throws(CompressionError) {
        try bytes.withCheckedBytes { buffer throws(CompressionError) in
            var reader = ByteReader(buffer, offset: runsOffset, context: Self.name)
            var value: Int64 = 0
            var start = 0
            for _ in 0..<runCount {
                value = value &+ (try reader.readSignedVarint())
                let length = Int(try reader.readVarint()) + 1
                body(value, start, length)
                start += length
            }
        }
    }

    /// Hands out the values in order.
    public struct Iterator: Sendable {
        @usableFromInline let runs: [(value: Int64, start: Int, length: Int)]
        @usableFromInline var run = 0
        @usableFromInline var used = 0

        @inlinable
        init(runs: [(value: Int64, start: Int, length: Int)]) {
            self.runs = runs
        }

        /// The next value, or nil after the last one.
        @inlinable
        public mutating func next() -> Int64? {
            while run < runs.count {
                if used < runs[run].length {
                    used += 1
                    return runs[run].value
                }
                run += 1
                used = 0
            }
            return nil
        }
    }
}
