extension LiveEvent {
    /// The event's JSON (sorted keys, as the `Encodable` conformance writes it), written by hand:
    /// `JSONEncoder` took 44 % of a live chart step's time under load (BENCHMARKS.md, "Live SPC").
    var jsonText: String {
        var text = "{\"acknowledged\":"
        if let acknowledged {
            text +=
                "{\"action\":" + Self.quoted(acknowledged.action) + ",\"at\":" + String(acknowledged.at) + ",\"by\":"
                + Self.quoted(acknowledged.by) + ",\"cause\":" + Self.quoted(acknowledged.cause) + ",\"comment\":"
                + Self.quoted(acknowledged.comment) + "}"
        } else {
            text += "null"
        }
        text += ",\"chart\":" + String(chart)
        text += ",\"episode\":" + (episode.map(Self.quoted) ?? "null")
        text += ",\"first_time\":" + String(firstTime)
        text += ",\"id\":" + Self.quoted(id)
        text += ",\"kind\":" + Self.quoted(kind.rawValue)
        text += ",\"last_time\":" + String(lastTime)
        text += ",\"machine\":" + (machine.map(Self.quoted) ?? "null")
        text += ",\"message\":" + Self.quoted(message)
        text += ",\"open\":" + (open ? "true" : "false")
        text += ",\"panel\":" + (panel.map(Self.quoted) ?? "null")
        text += ",\"points\":" + String(points)
        text += ",\"revision\":" + String(revision)
        text += ",\"rule\":" + (rule.map(Self.quoted) ?? "null")
        text += ",\"severity\":" + (severity.map { Self.quoted($0.rawValue) } ?? "null")
        text += ",\"values\":[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]}"
        return text
    }

    /// `string` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7).
    static func quoted(_ string: String) -> String {
        // Most texts (ids, rule names, messages) need no escape: one scan, no scalar-by-scalar copy.
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
