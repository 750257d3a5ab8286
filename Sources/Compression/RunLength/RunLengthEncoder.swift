/// Encodes values that come in long runs (booleans as 0/1, OPC UA quality codes, machine state ids)
/// as (value, run length) pairs, appended one value at a time.
///
/// Layout: tag "R", format version, varint value count, varint run count, then per run the signed
/// varint difference to the previous run's value and the varint run length minus one.
/// A stream holds at most `RunLengthDecoder.maximumCount` values.
public struct RunLengthEncoder: Sendable {
    @usableFromInline var sealedRuns = ByteWriter()
    @usableFromInline var sealedRunCount = 0
    @usableFromInline var previousRunValue: Int64 = 0
    @usableFromInline var currentValue: Int64 = 0
    @usableFromInline var currentLength = 0
    @usableFromInline var total = 0

    public init() {}

    /// Number of values appended.
    @inlinable
    public var count: Int { total }

    /// Appends `value`.
    @inlinable
    public mutating func append(_ value: Int64) {
        total += 1
        if currentLength > 0 && value == currentValue {
            currentLength += 1
            return
        }
        if currentLength > 0 {
            Self.appendRun(value: currentValue, length: currentLength, after: previousRunValue, to: &sealedRuns)
            sealedRunCount += 1
            previousRunValue = currentValue
        }
        currentValue = value
        currentLength = 1
    }

    /// The encoding of every value appended so far. The encoder stays usable.
    @inlinable
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: sealedRuns.count + 24)
        writer.append(RunLengthDecoder.formatTag)
        writer.append(streamFormatVersion)
        writer.appendVarint(UInt64(total))
        writer.appendVarint(UInt64(sealedRunCount + (currentLength > 0 ? 1 : 0)))
        writer.append(contentsOf: sealedRuns.bytes)
        if currentLength > 0 {
            Self.appendRun(value: currentValue, length: currentLength, after: previousRunValue, to: &writer)
        }
        return writer.bytes
    }

    @inlinable
    static func appendRun(value: Int64, length: Int, after previous: Int64, to writer: inout ByteWriter) {
        writer.appendSignedVarint(value &- previous)
        writer.appendVarint(UInt64(length - 1))
    }
}
