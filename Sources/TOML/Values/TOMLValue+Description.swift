extension TOMLValue: CustomStringConvertible {
    /// The value in TOML syntax as it would stand after `key = `: strings quoted and escaped, date-times in
    /// RFC 3339, arrays as `[1, 2]`, tables as inline tables `{a = 1, b = {c = 2}}`.
    public var description: String {
        switch self {
        case .string(let string): return quotedBasicString(string)
        case .integer(let integer): return String(integer)
        case .float(let float): return float.isNaN ? "nan" : String(float)
        case .boolean(let bool): return String(bool)
        case .offsetDateTime(let dateTime): return dateTime.description
        case .localDateTime(let dateTime): return dateTime.description
        case .localDate(let date): return date.description
        case .localTime(let time): return time.description
        case .array(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .table(let table): return table.description
        }
    }
}

extension TOMLTable: CustomStringConvertible {
    /// The table as a TOML inline table, keys in order: `{port = 8086, "tab key" = true}`.
    public var description: String {
        "{" + entries.map { "\(displayedKey($0.key)) = \($0.value)" }.joined(separator: ", ") + "}"
    }
}

/// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
func quotedBasicString(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": quoted += "\\\""
        case "\\": quoted += "\\\\"
        case "\u{08}": quoted += "\\b"
        case "\t": quoted += "\\t"
        case "\n": quoted += "\\n"
        case "\u{0C}": quoted += "\\f"
        case "\r": quoted += "\\r"
        case "\u{00}"..."\u{1F}", "\u{7F}": quoted += "\\u" + paddedDigits(Int(scalar.value), radix: 16, count: 4)
        default: quoted.unicodeScalars.append(scalar)
        }
    }
    return quoted + "\""
}
