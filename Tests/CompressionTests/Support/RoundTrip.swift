@testable import Compression

/// Encodes with each codec's streaming encoder and decodes with all three decoder forms (all at once,
/// into a caller's buffer, and by iterator), which must agree.
enum RoundTrip {
    static func floats(_ values: [Double]) throws -> (bytes: [UInt8], decoded: [Double]) {
        var encoder = FloatEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try FloatDecoder(bytes)
        var iterator = decoder.makeIterator()
        let decoded = try agreeing(
            all: decoder.decodeAll(), count: decoder.count, decodeInto: { try decoder.decode(into: $0) },
            next: { try iterator.next() }, key: \.bitPattern)
        return (bytes, decoded)
    }

    static func timestamps(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = TimestampEncoder()
        for value in values { try encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try TimestampDecoder(bytes)
        var iterator = decoder.makeIterator()
        let decoded = try agreeing(
            all: decoder.decodeAll(), count: decoder.count, decodeInto: { try decoder.decode(into: $0) },
            next: { try iterator.next() }, key: { $0 })
        return (bytes, decoded)
    }

    static func integers(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = IntegerEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try IntegerDecoder(bytes)
        var iterator = decoder.makeIterator()
        let decoded = try agreeing(
            all: decoder.decodeAll(), count: decoder.count, decodeInto: { try decoder.decode(into: $0) },
            next: { try iterator.next() }, key: { $0 })
        return (bytes, decoded)
    }

    static func runs(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = RunLengthEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try RunLengthDecoder(bytes)
        var iterator = try decoder.makeIterator()
        let decoded = try agreeing(
            all: decoder.decodeAll(), count: decoder.count, decodeInto: { try decoder.decode(into: $0) },
            next: { iterator.next() }, key: { $0 })
        return (bytes, decoded)
    }

    /// `all`, after checking that the buffer and iterator forms give the same values (compared by `key`).
    static func agreeing<Value, Key: Equatable>(
        all: [Value],
        count: Int,
        decodeInto: (UnsafeMutableBufferPointer<Value>) throws -> Void,
        next: () throws -> Value?,
        key: (Value) -> Key
    ) throws -> [Value] {
        let buffer = try [Value](unsafeUninitializedCapacity: count) { storage, initialized in
            try decodeInto(storage)
            initialized = count
        }
        var iterated: [Value] = []
        while let value = try next() { iterated.append(value) }
        guard all.map(key) == buffer.map(key), all.map(key) == iterated.map(key) else {
            throw Mismatch.decoderFormsDisagree
        }
        return all
    }

    enum Mismatch: Error {
        case decoderFormsDisagree
    }
}
