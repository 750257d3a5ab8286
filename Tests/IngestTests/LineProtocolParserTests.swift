import Historian
import TestSupport
import Testing

@testable import Ingest

/// A parsed line copied out of the parser's buffer, for comparisons.
struct DecodedLine: Equatable {
    enum Value: Equatable {
        case float(Double)
        case integer(Int64)
        case unsigned(UInt64)
        case boolean(Bool)
        case string(String)
    }

    var lineNumber: Int
    var measurement: String
    var tags: [String]
    var fields: [String]
    var values: [Value]
    var timestamp: Int64?
}

/// Parses `text` in chunks of `chunkSize` bytes (the whole text when nil), like a streaming reader.
func parseLineProtocol(
    _ text: String, precision: TimestampPrecision = .nanoseconds, chunkSize: Int? = nil
) -> (lines: [DecodedLine], errors: [LineProtocolError]) {
    parseLineProtocol(Array(text.utf8), precision: precision, chunkSize: chunkSize)
}

func parseLineProtocol(
    _ bytes: [UInt8], precision: TimestampPrecision = .nanoseconds, chunkSize: Int? = nil
) -> (lines: [DecodedLine], errors: [LineProtocolError]) {
    var parser = LineProtocolParser(precision: precision)
    var lines: [DecodedLine] = []
    var errors: [LineProtocolError] = []
    var pending: [UInt8] = []
    var offset = 0
    let step = max(1, chunkSize ?? bytes.count)
    repeat {
        let next = min(bytes.count, offset + step)
        pending += bytes[offset..<next]
        offset = next
        let isFinal = offset == bytes.count
        let consumed = pending.withUnsafeBytes { buffer in
            parser.parse(buffer, isFinal: isFinal) { line in
                lines.append(
                    DecodedLine(
                        lineNumber: line.lineNumber,
                        measurement: line.name(line.measurement),
                        tags: line.tags.map { line.name($0.key) + "=" + line.name($0.value) },
                        fields: line.fields.map { line.name($0.key) },
                        values: line.fields.map { field in
                            switch field.value {
                            case .float(let value): .float(value)
                            case .integer(let value): .integer(value)
                            case .unsigned(let value): .unsigned(value)
                            case .boolean(let value): .boolean(value)
                            case .string(let range): .string(line.string(range))
                            }
                        },
                        timestamp: line.timestamp))
            } onError: { error in
                errors.append(error)
            }
        }
        pending.removeFirst(consumed)
    } while offset < bytes.count
    return (lines, errors)
}

@Suite struct LineProtocolParserTests {
    @Test func parsesTheDocumentedExample() throws {
        let result = parseLineProtocol("press,line=L1,machine=M07 temp=71.3,state=1i 1732200000000000000\n")
        #expect(result.errors.isEmpty)
        let line = try #require(result.lines.first)
        #expect(line.measurement == "press")
        #expect(line.tags == ["line=L1", "machine=M07"])
        #expect(line.fields == ["temp", "state"])
        #expect(line.values == [.float(71.3), .integer(1)])
        #expect(line.timestamp == 1_732_200_000_000_000_000)
        #expect(line.lineNumber == 1)
    }

    @Test func parsesEveryFieldType() throws {
        let result = parseLineProtocol(
            #"m a=1,b=-2.5e3,c=7i,d=-9223372036854775808i,e=18446744073709551615u,f=t,g=FALSE,h="x y, \"q\" \\",i=.5,j=True"#)
        #expect(result.errors.isEmpty)
        let line = try #require(result.lines.first)
        #expect(
            line.values == [
                .float(1), .float(-2500), .integer(7), .integer(Int64.min), .unsigned(UInt64.max),
                .boolean(true), .boolean(false), .string(#"x y, "q" \"#), .float(0.5), .boolean(true),
            ])
        #expect(line.timestamp == nil)
    }

    @Test func decodesEscapesInNames() throws {
        let result = parseLineProtocol(#"my\ meas\,ure,tag\ key=va\,l\=ue field\=key=1 5"#)
        #expect(result.errors.isEmpty)
        let line = try #require(result.lines.first)
        #expect(line.measurement == "my meas,ure")
        #expect(line.tags == ["tag key=va,l=ue"])
        #expect(line.fields == ["field=key"])
        #expect(line.timestamp == 5)
    }

    @Test func floatsAreCorrectlyRounded() throws {
        // Values with 16 and 17 significant digits take the fast path and the strtod path respectively;
        // both must equal what Swift's own correctly rounded parser gives.
        let texts = [
            "1.549230552112739", "3.1532123843711215", "0.1", "6.20", "1e-300", "123456789012345678901234", "-0.0", "2.2250738585072014e-308",
        ]
        let result = parseLineProtocol(texts.enumerated().map { "m f=\($0.element) \($0.offset)" }.joined(separator: "\n"))
        #expect(result.errors.isEmpty)
        for (index, text) in texts.enumerated() {
            let expected = try #require(Double(text))
            #expect(result.lines[index].values == [.float(expected)], "\(text)")
        }
    }

    /// Full-precision readings (17 digits), long significands and exponents: every path of the
    /// float parser (double fast path, extended precision, strtod) against Swift's own parser.
    @Test func randomFloatsEqualSwiftsParser() throws {
        var random = SplitMix64(seed: 99)
        var texts: [String] = []
        for _ in 0..<4_000 {
            let bits = Double(bitPattern: random.next())
            if bits.isFinite { texts.append("\(bits)") }
            texts.append("\(Double(random.next() % 10_000_000) / 1_000 + Double(random.next() % 1_000_000) * 1e-12)")
            let digits = String(random.next() % 10_000_000_000_000_000_000)
            let exponent = Int(random.next() % 61) - 30
            texts.append("\(digits)e\(exponent)")
            texts.append("0.\(digits)")
        }
        let result = parseLineProtocol(texts.enumerated().map { "m f=\($0.element) \($0.offset)" }.joined(separator: "\n"))
        #expect(result.errors.isEmpty)
        for (index, text) in texts.enumerated() {
            let expected = try #require(Double(text))
            #expect(result.lines[index].values == [.float(expected)], "\(text)")
        }
    }

    @Test func scalesTimestampsByPrecision() throws {
        #expect(parseLineProtocol("m f=1 1700000000", precision: .seconds).lines.first?.timestamp == 1_700_000_000_000_000_000)
        #expect(parseLineProtocol("m f=1 1700000000000", precision: .milliseconds).lines.first?.timestamp == 1_700_000_000_000_000_000)
        #expect(parseLineProtocol("m f=1 -5", precision: .microseconds).lines.first?.timestamp == -5_000)
        // 9223372037 s is just past Int64.max nanoseconds (9223372036.854775807 s).
        #expect(parseLineProtocol("m f=1 9223372037", precision: .seconds).errors.first?.reason == .timestampOverflow)
    }

    @Test func skipsBlankAndCommentLinesAndCountsThem() {
        let result = parseLineProtocol("# header\n\n   \nm f=1 1\r\n  m f=2 2\n")
        #expect(result.errors.isEmpty)
        #expect(result.lines.map(\.lineNumber) == [4, 5])
        #expect(result.lines.map(\.values) == [[.float(1)], [.float(2)]])
    }

    @Test(arguments: [
        ("m", 2, LineProtocolError.Reason.missingFields),
        (",t=1 f=1", 1, .missingMeasurement),
        ("m,t f=1", 4, .missingTagValue),
        ("m,=v f=1", 3, .emptyTagKey),
        ("m,t= f=1", 5, .emptyTagValue),
        ("m f", 4, .missingFieldValue),
        ("m f=", 5, .missingFieldValue),
        ("m =1", 3, .emptyFieldKey),
        ("m f=abc", 5, .invalidFieldValue),
        ("m f=1.2.3", 5, .invalidFieldValue),
        ("m f=nan", 5, .invalidFieldValue),
        ("m f=1e999", 5, .invalidFieldValue),
        ("m f=12x4i", 5, .invalidFieldValue),
        ("m f=-1u", 5, .invalidFieldValue),
        ("m f=9223372036854775808i", 5, .integerOverflow),
        ("m f=18446744073709551616u", 5, .integerOverflow),
        ("m f=\"abc", 5, .unterminatedString),
        ("m f=1 12a", 9, .invalidTimestamp),
        ("m f=1 1 2", 9, .invalidTimestamp),
        ("m f=1 99999999999999999999", 7, .timestampOverflow),
        ("m f=\"a\"x", 8, .unexpectedCharacter(UInt8(ascii: "x"))),
    ])
    func reportsLineColumnAndReason(text: String, column: Int, reason: LineProtocolError.Reason) throws {
        let result = parseLineProtocol("ok f=1 1\n" + text + "\nok f=2 2")
        #expect(result.lines.count == 2, "good lines around a bad one are kept")
        let error = try #require(result.errors.first)
        #expect(error == LineProtocolError(line: 2, column: column, reason: reason))
        #expect(error.description.hasPrefix("line 2, column \(column): "))
    }

    @Test func chunkedInputParsesLikeWholeInput() {
        let text = (0..<200).map { "cpu,host=h\($0 % 7) usage=\(Double($0) / 8),n=\($0)i,s=\"v \($0)\" \($0 * 1000)" }.joined(separator: "\n")
        let whole = parseLineProtocol(text)
        #expect(whole.lines.count == 200)
        for chunkSize in [1, 3, 17, 64, 1000] {
            let chunked = parseLineProtocol(text, chunkSize: chunkSize)
            #expect(chunked.lines == whole.lines, "chunk size \(chunkSize)")
            #expect(chunked.errors.isEmpty)
        }
    }

    /// Random and mutated inputs: the parser must never trap, every range must lie inside the
    /// buffer, and every non-blank line is either parsed or rejected.
    @Test func randomAndMutatedInputNeverTraps() {
        var generator = SplitMix64(seed: 0x5EED)
        let seed = Array(#"press,line=L\ 1,machine=M07 temp=71.3,state=1i,ok=t,s="a \"b\"",u=3u 1732200000000000000"#.utf8)
        let alphabet = Array(##" ,=\"#tTfFiu.eE-+0123456789"##.utf8) + [0x0a, 0x0d] + [0, 0xff, 0x41]
        for round in 0..<3000 {
            var input: [UInt8]
            if round % 3 == 0 {
                input = (0..<Int(generator.next() % 80)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            } else {
                input = seed
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let position = Int(generator.next() % UInt64(input.count))
                    switch generator.next() % 3 {
                    case 0: input[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    case 1: input.remove(at: position)
                    default: input.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                    }
                    if input.isEmpty { input = [0x20] }
                }
            }
            var parser = LineProtocolParser()
            var outcomes = 0
            input.withUnsafeBytes { buffer in
                _ = parser.parse(buffer, isFinal: true) { line in
                    outcomes += 1
                    let ranges = [line.measurement, line.seriesBytes] + line.tags.flatMap { [$0.key, $0.value] } + line.fields.map(\.key)
                    for range in ranges {
                        #expect(range.lowerBound >= 0 && range.upperBound <= buffer.count)
                    }
                    for field in line.fields {
                        if case .string(let range) = field.value {
                            #expect(range.lowerBound >= 0 && range.upperBound <= buffer.count)
                            _ = line.string(range)
                        }
                        _ = line.name(field.key)
                    }
                } onError: { error in
                    outcomes += 1
                    #expect(error.line >= 1 && error.column >= 1)
                }
            }
            #expect(outcomes <= parser.linesRead)
        }
    }
}
