import Historian

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming parser of InfluxDB 1.x line protocol over byte buffers.
///
/// Syntax (InfluxDB 1.x "Line protocol reference"):
/// `measurement[,tag=value...] field=value[,field=value...] [timestamp]`, one line per point.
/// Measurement names escape `,` and space with `\`; tag keys, tag values and field keys also `=`.
/// Field values are floats (`1.5`, `-2e3`), signed integers (`5i`), unsigned integers (`5u`),
/// booleans (`t`, `T`, `true`, `True`, `TRUE` and the `f` forms) or double-quoted strings with
/// `\"` and `\\` escapes. Empty lines and lines starting with `#` are skipped; a trailing `\r` is ignored.
///
/// The parser reuses its line storage, so it allocates nothing per line once warmed up.
/// Feed it consecutive chunks of an input; it keeps the line count across calls.
public struct LineProtocolParser {
    /// The unit of the timestamps in the input; they are converted to nanoseconds.
    public let precision: TimestampPrecision
    /// The number of lines seen so far, including blank, comment and rejected lines.
    public private(set) var linesRead = 0
    private var line = LineProtocolLine()

    /// Creates a parser for input whose timestamps are in `precision`.
    public init(precision: TimestampPrecision = .nanoseconds) {
        self.precision = precision
    }

    /// Parses the complete lines of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the next chunk of input.
    ///   - isFinal: true when no more input follows, so a last line without a newline is complete.
    ///   - onLine: called with each good line; the line is valid only during the call.
    ///   - onError: called with each rejected line; parsing goes on with the next line.
    /// - Returns: how many bytes were consumed. When `isFinal` is false, the bytes after the last
    ///   newline are not consumed: pass them again, followed by more input, in the next call.
    /// - Throws: only what the callbacks throw.
    public mutating func parse<Failure: Error>(
        _ bytes: UnsafeRawBufferPointer,
        isFinal: Bool,
        onLine: (LineProtocolLine) throws(Failure) -> Void,
        onError: (LineProtocolError) throws(Failure) -> Void
    ) throws(Failure) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        line.bytes = bytes
        var start = 0
        while start < bytes.count {
            let end: Int
            if let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                end = base.distance(to: UnsafeRawPointer(newline))
            } else if isFinal {
                end = bytes.count
            } else {
                break
            }
            linesRead += 1
            switch parseLine(bytes, from: start, to: end) {
            case .parsed: try onLine(line)
            case .skipped: break
            case .failed(let column, let reason):
                try onError(LineProtocolError(line: linesRead, column: column, reason: reason))
            }
            start = end + 1
        }
        line.bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        return min(start, bytes.count)
    }

    private enum Outcome {
        case parsed
        case skipped
        case failed(column: Int, reason: LineProtocolError.Reason)
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let comma = UInt8(ascii: ",")
    private static let equals = UInt8(ascii: "=")
    private static let backslash = UInt8(ascii: "\\")
    private static let quote = UInt8(ascii: "\"")

    private mutating func parseLine(_ bytes: UnsafeRawBufferPointer, from lineStart: Int, to rawEnd: Int) -> Outcome {
        var end = rawEnd
        if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var position = lineStart
        while position < end, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
        if position == end || bytes[position] == UInt8(ascii: "#") { return .skipped }

        func failure(_ at: Int, _ reason: LineProtocolError.Reason) -> Outcome {
            .failed(column: at - lineStart + 1, reason: reason)
        }

        line.lineNumber = linesRead
        line.tags.removeAll(keepingCapacity: true)
        line.fields.removeAll(keepingCapacity: true)
        line.timestamp = nil

        // Measurement: up to an unescaped comma or space.
        let measurementStart = position
        position = Self.scanName(bytes, from: position, to: end) { $0 == Self.comma || $0 == Self.space }
        if position == measurementStart { return failure(position, .missingMeasurement) }
        line.measurement = measurementStart..<position

        // Tags: ,key=value pairs up to the first unescaped space.
        while position < end, bytes[position] == Self.comma {
            position += 1
            let keyStart = position
            position = Self.scanName(bytes, from: position, to: end) { $0 == Self.equals || $0 == Self.comma || $0 == Self.space }
            if position == keyStart { return failure(position, .emptyTagKey) }
            guard position < end, bytes[position] == Self.equals else { return failure(position, .missingTagValue) }
            let key = keyStart..<position
            position += 1
            let valueStart = position
            position = Self.scanName(bytes, from: position, to: end) { $0 == Self.equals || $0 == Self.comma || $0 == Self.space }
            if position == valueStart { return failure(position, .emptyTagValue) }
            if position < end, bytes[position] == Self.equals { return failure(position, .unexpectedCharacter(Self.equals)) }
            line.tags.append(LineProtocolTag(key: key, value: valueStart..<position))
        }
        line.seriesBytes = measurementStart..<position

        // Fields, after one or more spaces.
        while position < end, bytes[position] == Self.space { position += 1 }
        if position == end { return failure(position, .missingFields) }
        while true {
            let keyStart = position
            position = Self.scanName(bytes, from: position, to: end) { $0 == Self.equals || $0 == Self.comma || $0 == Self.space }
            if position == keyStart { return failure(position, position < end && bytes[position] == Self.equals ? .emptyFieldKey : .missingFields) }
            guard position < end, bytes[position] == Self.equals else { return failure(position, .missingFieldValue) }
            let key = keyStart..<position
            position += 1
            guard position < end, bytes[position] != Self.space, bytes[position] != Self.comma else {
                return failure(position, .missingFieldValue)
            }
            let value: LineProtocolValue
            if bytes[position] == Self.quote {
                let contentStart = position + 1
                var scan = contentStart
                while scan < end, bytes[scan] != Self.quote {
                    scan += bytes[scan] == Self.backslash ? 2 : 1
                }
                guard scan < end else { return failure(position, .unterminatedString) }
                value = .string(contentStart..<scan)
                position = scan + 1
            } else {
                let tokenStart = position
                while position < end, bytes[position] != Self.comma, bytes[position] != Self.space { position += 1 }
                switch Self.parseScalar(bytes, from: tokenStart, to: position) {
                case .value(let parsed): value = parsed
                case .failure(let reason): return failure(tokenStart, reason)
                }
            }
            line.fields.append(LineProtocolField(key: key, value: value))
            guard position < end else { break }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            guard bytes[position] == Self.space else { return failure(position, .unexpectedCharacter(bytes[position])) }
            break
        }

        // Optional timestamp, then optional trailing blanks.
        while position < end, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
        if position < end {
            let timestampStart = position
            var negative = false
            if bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let digitsStart = position
            var magnitude: UInt64 = 0
            while position < end, let digit = Self.digit(bytes[position]) {
                let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
                if overflowA || overflowB { return failure(timestampStart, .timestampOverflow) }
                magnitude = sum
                position += 1
            }
            if position == digitsStart { return failure(timestampStart, .invalidTimestamp) }
            while position < end, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
            if position < end { return failure(position, .invalidTimestamp) }
            guard let raw = Self.signed(magnitude: magnitude, negative: negative) else {
                return failure(timestampStart, .timestampOverflow)
            }
            guard let nanoseconds = precision.nanoseconds(from: raw) else { return failure(timestampStart, .timestampOverflow) }
            line.timestamp = nanoseconds
        }
        return .parsed
    }

    /// Advances over a name until an unescaped byte for which `isEnd` is true; a backslash escapes the next byte.
    @inline(__always)
    private static func scanName(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, isEnd: (UInt8) -> Bool) -> Int {
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte == backslash, position + 1 < end {
                position += 2
                continue
            }
            if isEnd(byte) { break }
            position += 1
        }
        return position
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    private static func signed(magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private enum ScalarOutcome {
        case value(LineProtocolValue)
        case failure(LineProtocolError.Reason)
    }

    /// Parses an unquoted field value: integer, unsigned, boolean or float.
    private static func parseScalar(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> ScalarOutcome {
        let last = bytes[end - 1]
        if last == UInt8(ascii: "i") || last == UInt8(ascii: "u") {
            var position = start
            var negative = false
            if last == UInt8(ascii: "i"), bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let digitsStart = position
            var magnitude: UInt64 = 0
            while position < end - 1 {
                guard let digit = digit(bytes[position]) else { return .failure(.invalidFieldValue) }
                let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
                if overflowA || overflowB { return .failure(.integerOverflow) }
                magnitude = sum
                position += 1
            }
            if position == digitsStart { return .failure(.invalidFieldValue) }
            if last == UInt8(ascii: "u") { return .value(.unsigned(magnitude)) }
            guard let value = signed(magnitude: magnitude, negative: negative) else { return .failure(.integerOverflow) }
            return .value(.integer(value))
        }
        if let boolean = parseBoolean(bytes, from: start, to: end) { return .value(.boolean(boolean)) }
        guard let value = parseFloat(bytes, from: start, to: end) else { return .failure(.invalidFieldValue) }
        return .value(.float(value))
    }

    private static func parseBoolean(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool? {
        let first = bytes[start]
        guard first == UInt8(ascii: "t") || first == UInt8(ascii: "T") || first == UInt8(ascii: "f") || first == UInt8(ascii: "F") else {
            return nil
        }
        let spellings: [StaticString] =
            first == UInt8(ascii: "t") || first == UInt8(ascii: "T")
            ? ["t", "T", "true", "True", "TRUE"] : ["f", "F", "false", "False", "FALSE"]
        for spelling in spellings where spelling.utf8CodeUnitCount == end - start {
            var matches = true
            for offset in 0..<(end - start) where spelling.utf8Start[offset] != bytes[start + offset] {
                matches = false
                break
            }
            if matches { return first == UInt8(ascii: "t") || first == UInt8(ascii: "T") }
        }
        return nil
    }

    /// Exact powers of ten that a Double holds without rounding (10^0 ... 10^22).
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses a decimal float: `[-+]digits[.digits][(e|E)[-+]digits]` or `[-+].digits...`.
    ///
    /// Fast path (Clinger 1990, "How to read floating point numbers accurately"): when the decimal
    /// significand is below 2^53 and the power of ten is at most 22, one correctly rounded IEEE
    /// multiplication or division of two exact values gives the correctly rounded result.
    /// Everything else goes to the C library's `strtod`, which rounds correctly too.
    private static func parseFloat(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Double? {
        var position = start
        var negative = false
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var digitCount = 0
        while position < end, let digit = digit(bytes[position]) {
            if significand != 0 || digit != 0 { significantDigits += 1 }
            if significantDigits <= 19 { significand = significand &* 10 &+ UInt64(digit) } else { decimalExponent += 1 }
            digitCount += 1
            position += 1
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < end, let digit = digit(bytes[position]) {
                if significand != 0 || digit != 0 { significantDigits += 1 }
                if significantDigits <= 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    decimalExponent -= 1
                }
                digitCount += 1
                position += 1
            }
        }
        guard digitCount > 0 else { return nil }
        if position < end, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            var exponentNegative = false
            if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var exponent = 0
            while position < end, let digit = digit(bytes[position]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                position += 1
            }
            guard position > exponentStart else { return nil }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        guard position == end else { return nil }

        if significantDigits <= 19, significand < (1 << 53), abs(decimalExponent) <= 22 {
            let magnitude =
                decimalExponent >= 0
                ? Double(significand) * exactPowersOfTen[decimalExponent]
                : Double(significand) / exactPowersOfTen[-decimalExponent]
            return negative ? -magnitude : magnitude
        }
        #if arch(x86_64) && !os(Windows) && !os(Android)
        if significantDigits <= 19, significand != 0, abs(decimalExponent) <= 27,
            let magnitude = extendedPrecisionQuotient(significand, decimalExponent)
        {
            return negative ? -magnitude : magnitude
        }
        #endif
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: end - start + 1) { text -> Double in
            for offset in 0..<(end - start) { text[offset] = CChar(bitPattern: bytes[start + offset]) }
            text[end - start] = 0
            guard let pointer = text.baseAddress else { return .nan }
            return strtod(pointer, nil)
        }
        return value.isFinite ? value : nil
    }

    #if arch(x86_64) && !os(Windows) && !os(Android)
    /// 10^0 ... 10^27, each exact in a Float80 (5^27 < 2^64).
    private static let extendedPowersOfTen: [Float80] = (0...27).map { exponent in
        var value: Float80 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// `significand x 10^exponent` for significands of 17 to 19 digits (full-precision readings),
    /// which the double fast path cannot take: the significand and the power of ten are exact in
    /// x87 extended precision (64-bit significand), one extended multiplication or division rounds
    /// once, and rounding that to a Double is correct unless the extended result lies exactly on a
    /// midpoint between two doubles (its 11 bits below double precision are 0x400); then nil, and
    /// the caller asks strtod. The results lie between 10^-27 and 10^47, far from subnormals.
    private static func extendedPrecisionQuotient(_ significand: UInt64, _ exponent: Int) -> Double? {
        let power = extendedPowersOfTen[abs(exponent)]
        let extended = exponent >= 0 ? Float80(significand) * power : Float80(significand) / power
        let belowDouble = extended.significandBitPattern & 0x7FF
        guard belowDouble < 0x3FF || belowDouble > 0x401 else { return nil }
        return Double(extended)
    }
    #endif
}
