@testable import Compression

/// Encodes with each codec's streaming encoder and decodes with all three decoder forms, which must agree.
enum RoundTrip {
    static func floats(_ values: [Double]) throws -> (bytes: [UInt8], decoded: [Double]) {
        var encoder = FloatEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try FloatDecoder(bytes)
        let all = try decoder.decodeAll()
        var buffer = [Double](repeating: 0, count: decoder.count)
        try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        var iterated: [Double] = []
        var iterator = decoder.makeIterator()
        while let value = try iterator.next() { iterated.append(value) }
        guard all.map(\.bitPattern) == buffer.map(\.bitPattern), all.map(\.bitPattern) == iterated.map(\.bitPattern) else {
            throw Mismatch.decoderFormsDisagree
        }
        return (bytes, all)
    }

    static func timestamps(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = TimestampEncoder()
        for value in values { try encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try TimestampDecoder(bytes)
        let all = try decoder.decodeAll()
        var buffer = [Int64](repeating: 0, count: decoder.count)
        try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        var iterated: [Int64] = []
        var iterator = decoder.makeIterator()
        while let value = try iterator.next() { iterated.append(value) }
        guard all == buffer, all == iterated else { throw Mismatch.decoderFormsDisagree }
        return (bytes, all)
    }

    static func integers(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = IntegerEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try IntegerDecoder(bytes)
        let all = try decoder.decodeAll()
        var buffer = [Int64](repeating: 0, count: decoder.count)
        try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        var iterated: [Int64] = []
        var iterator = decoder.makeIterator()
        while let value = try iterator.next() { iterated.append(value) }
        guard all == buffer, all == iterated else { throw Mismatch.decoderFormsDisagree }
        return (bytes, all)
    }

    static func runs(_ values: [Int64]) throws -> (bytes: [UInt8], decoded: [Int64]) {
        var encoder = RunLengthEncoder()
        for value in values { encoder.append(value) }
        let bytes = encoder.encode()
        let decoder = try RunLengthDecoder(bytes)
        let all = try decoder.decodeAll()
        var buffer = [Int64](repeating: 0, count: decoder.count)
        try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        var iterated: [Int64] = []
        var iterator = try decoder.makeIterator()
        while let value = iterator.next() { iterated.append(value) }
        guard all == buffer, all == iterated else { throw Mismatch.decoderFormsDisagree }
        return (bytes, all)
    }

    enum Mismatch: Error {
        case decoderFormsDisagree
    }
}
