import JSONText

extension LiveEvent {
    /// The event's JSON (sorted keys, as the `Encodable` conformance writes it), written by hand:
    /// `JSONEncoder` took 44 % of a live chart step's time under load (BENCHMARKS.md, "Live SPC").
    var jsonText: String {
        var text = "{\"acknowledged\":"
        if let acknowledged {
            text +=
                "{\"action\":" + JSONText.quoted(acknowledged.action) + ",\"at\":" + String(acknowledged.at) + ",\"by\":"
                + JSONText.quoted(acknowledged.by) + ",\"cause\":" + JSONText.quoted(acknowledged.cause) + ",\"comment\":"
                + JSONText.quoted(acknowledged.comment) + "}"
        } else {
            text += "null"
        }
        text += ",\"chart\":" + String(chart)
        if let correction { text += ",\"correction\":" + JSONText.quoted(correction) }
        text += ",\"episode\":" + (episode.map(JSONText.quoted) ?? "null")
        text += ",\"first_time\":" + String(firstTime)
        text += ",\"id\":" + JSONText.quoted(id)
        text += ",\"kind\":" + JSONText.quoted(kind.rawValue)
        text += ",\"last_time\":" + String(lastTime)
        text += ",\"machine\":" + (machine.map(JSONText.quoted) ?? "null")
        text += ",\"message\":" + JSONText.quoted(message)
        text += ",\"open\":" + (open ? "true" : "false")
        text += ",\"panel\":" + (panel.map(JSONText.quoted) ?? "null")
        text += ",\"points\":" + String(points)
        text += ",\"revision\":" + String(revision)
        text += ",\"rule\":" + (rule.map(JSONText.quoted) ?? "null")
        text += ",\"severity\":" + (severity.map { JSONText.quoted($0.rawValue) } ?? "null")
        text += ",\"values\":[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]}"
        return text
    }
}
