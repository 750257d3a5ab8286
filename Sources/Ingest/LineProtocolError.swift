import Historian

/// A line of line protocol that could not be parsed, with where and why.
public struct LineProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why a line was rejected.
    public enum Reason: Sendable, Equatable {
        case missingMeasurement
        case missingTagValue
        case emptyTagKey
        case emptyTagValue
        case missingFields
        case emptyFieldKey
        case missingFieldValue
        case invalidFieldValue
        case unterminatedString
        case integerOverflow
        case invalidTimestamp
        case timestampOverflow
        case unexpectedCharacter(UInt8)
    }

    /// The 1-based line number in the input.
    public var line: Int
    /// The 1-based byte column in that line.
    public var column: Int
    /// What was wrong.
    public var reason: Reason

    /// Creates an error at a 1-based line and byte column.
    public init(line: Int, column: Int, reason: Reason) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "line \(line), column \(column): \(reason.message)"
    }
}

extension LineProtocolError.Reason {
    var message: String {
        switch self {
        case .missingMeasurement: "missing measurement name"
        case .missingTagValue: "tag without '=value'"
        case .emptyTagKey: "empty tag key"
        case .emptyTagValue: "empty tag value"
        case .missingFields: "no fields (a line needs at least one key=value after the series)"
        case .emptyFieldKey: "empty field key"
        case .missingFieldValue: "field without a value"
        case .invalidFieldValue: "invalid field value (expected a float, 12i, 12u, true/false or \"string\")"
        case .unterminatedString: "string field value without its closing quote"
        case .integerOverflow: "integer field value out of range"
        case .invalidTimestamp: "invalid timestamp (expected an integer)"
        case .timestampOverflow: "timestamp out of the Int64 nanosecond range: check the request's precision (ns, us, ms, s)"
        case .unexpectedCharacter(let byte):
            if byte >= 0x20 && byte < 0x7f {
                "unexpected character '\(Character(Unicode.Scalar(byte)))'"
            } else {
                "unexpected byte 0x\(String(byte, radix: 16))"
            }
        }
    }
}
