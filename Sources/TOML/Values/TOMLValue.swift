/// One TOML value.
///
/// Arrays may mix types (TOML 1.0). Values can be written as Swift literals, which keeps tests and
/// defaults readable: `let limits: TOMLValue = ["max_body_bytes": 10_000_000, "gzip": true]`.
/// Equality follows IEEE 754 for floats: `.float(.nan)` is not equal to itself, and `0.0 == -0.0`.
public enum TOMLValue: Sendable, Equatable {
    /// A string, with every escape resolved.
    case string(String)
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An IEEE 754 binary64 float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A date-time with an offset from UTC.
    case offsetDateTime(TOMLOffsetDateTime)
    /// A date-time without an offset.
    case localDateTime(TOMLLocalDateTime)
    /// A date without a time.
    case localDate(TOMLLocalDate)
    /// A time of day without a date.
    case localTime(TOMLLocalTime)
    /// An array: a static array written with `[...]`, or an array of tables written with `[[...]]`.
    case array([TOMLValue])
    /// A table: a `[header]` table, a table created by dotted keys, or an inline table.
    case table(TOMLTable)

    /// The type of the value with an article, as error messages say it: "a string", "an integer", ...
    public var typeDescription: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .offsetDateTime: return "an offset date-time"
        case .localDateTime: return "a local date-time"
        case .localDate: return "a local date"
        case .localTime: return "a local time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

extension TOMLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TOMLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension TOMLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .float(value) }
}

extension TOMLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}

extension TOMLValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TOMLValue...) { self = .array(elements) }
}

extension TOMLValue: ExpressibleByDictionaryLiteral {
    /// A table with the keys in the order written. A key written twice keeps its last value.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self = .table(TOMLTable(elements))
    }
}
