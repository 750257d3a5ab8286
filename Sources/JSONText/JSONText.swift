/// JSON text pieces for answers built as strings (events, CLI output, the connection layer's own
/// errors). Large answers are written into byte buffers by the server's `JSONWriter` instead.
public enum JSONText {
    /// `string` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7);
    /// every other character is kept as it is (JSON text is UTF-8).
    public static func quoted(_ string: String) -> String {
        // Most texts (ids, names, messages) need no escape: one scan, no scalar-by-scalar copy.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + string + "\""
        }
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
