/// The identity of a series: measurement, tag set (sorted by key) and field, as in InfluxDB.
public struct SeriesKey: Hashable, Sendable, CustomStringConvertible {
    /// One tag of a series.
    public struct Tag: Hashable, Sendable {
        /// The tag key.
        public var key: String
        /// The tag value.
        public var value: String

        /// Creates a tag.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The measurement name.
    public let measurement: String
    /// The tags sorted by key; a key appears once (the last value written wins).
    public let tags: [Tag]
    /// The field name.
    public let field: String

    /// Creates a key; `tags` may be in any order and are sorted by key.
    public init(measurement: String, tags: [Tag] = [], field: String) {
        var unique: [String: String] = [:]
        for tag in tags { unique[tag.key] = tag.value }
        self.measurement = measurement
        self.tags = unique.map { Tag(key: $0.key, value: $0.value) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        self.field = field
    }

    /// The value of tag `key`, or nil.
    public func tag(_ key: String) -> String? {
        tags.first { $0.key == key }?.value
    }

    /// The tag set in line protocol form with escapes, e.g. `line=L1,machine=M\ 7`.
    public var canonicalTags: String {
        tags.map { Self.escape($0.key) + "=" + Self.escape($0.value) }.joined(separator: ",")
    }

    /// `measurement,tags field` in line protocol escaping.
    public var description: String {
        let series = tags.isEmpty ? Self.escape(measurement) : Self.escape(measurement) + "," + canonicalTags
        return series + " " + Self.escape(field)
    }

    /// Parses ``canonicalTags`` back into tags; nil when the text is not in that form.
    static func parseCanonicalTags(_ text: String) -> [Tag]? {
        if text.isEmpty { return [] }
        var tags: [Tag] = []
        var key: String?
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=", key == nil {
                key = current
                current = ""
            } else if character == "," {
                guard let tagKey = key else { return nil }
                tags.append(Tag(key: tagKey, value: current))
                key = nil
                current = ""
            } else {
                current.append(character)
            }
        }
        guard let tagKey = key, !escaped else { return nil }
        tags.append(Tag(key: tagKey, value: current))
        return tags
    }

    /// `text` with `,`, `=`, space and backslash escaped by a backslash, as line protocol writes names.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "," || character == "=" || character == " " || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
