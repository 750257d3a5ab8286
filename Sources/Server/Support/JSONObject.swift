import Live

/// A JSON object being read, with its key path (`calendar.shifts[1]`), so that every refusal names
/// the key at fault: a missing key, a wrong type or a key that is not accepted.
struct JSONObject {
    /// The members of the object.
    let members: [String: JSONValue]
    /// The key path of the object; empty for the document itself.
    let prefix: String

    /// - Throws: ``LiveError/invalid(key:message:)`` when `value` is not an object.
    init(_ value: JSONValue, path: String) throws(LiveError) {
        guard let members = value.object else {
            throw .invalid(key: path.isEmpty ? "body" : path, message: "\(path.isEmpty ? "the body" : path): expected a JSON object")
        }
        self.members = members
        prefix = path
    }

    /// The key path of member `key`.
    func path(_ key: String) -> String {
        prefix.isEmpty ? key : "\(prefix).\(key)"
    }

    /// - Throws: ``LiveError/invalid(key:message:)`` naming the first key (sorted) not in `known`.
    func requireKnown(_ known: Set<String>) throws(LiveError) {
        for key in members.keys.sorted() where !known.contains(key) {
            throw .invalid(key: path(key), message: "\(path(key)): unknown key (accepted: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private func wrongType(_ key: String, _ expected: String) -> LiveError {
        .invalid(key: path(key), message: "\(path(key)): expected \(expected)")
    }

    private func missing(_ key: String, _ expected: String) -> LiveError {
        .invalid(key: path(key), message: "\(path(key)): is required (\(expected))")
    }

    func optionalString(_ key: String) throws(LiveError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        guard let text = value.string else { throw wrongType(key, "a string") }
        return text
    }

    func requiredString(_ key: String) throws(LiveError) -> String {
        guard let text = try optionalString(key) else { throw missing(key, "a string") }
        return text
    }

    func optionalNumber(_ key: String) throws(LiveError) -> Double? {
        switch members[key] {
        case nil, .null?: return nil
        case .integer(let value)?: return Double(value)
        case .number(let value)?: return value
        default: throw wrongType(key, "a number")
        }
    }

    func requiredNumber(_ key: String) throws(LiveError) -> Double {
        guard let number = try optionalNumber(key) else { throw missing(key, "a number") }
        return number
    }

    func optionalInteger(_ key: String) throws(LiveError) -> Int64? {
        switch members[key] {
        case nil, .null?: return nil
        case .integer(let value)?: return value
        default: throw wrongType(key, "an integer")
        }
    }

    func optionalObject(_ key: String) throws(LiveError) -> JSONObject? {
        guard let value = members[key], value != .null else { return nil }
        guard value.object != nil else { throw wrongType(key, "an object") }
        return try JSONObject(value, path: path(key))
    }

    func requiredObject(_ key: String) throws(LiveError) -> JSONObject {
        guard let object = try optionalObject(key) else { throw missing(key, "an object") }
        return object
    }

    private func optionalArray(_ key: String, _ expected: String) throws(LiveError) -> [JSONValue]? {
        guard let value = members[key], value != .null else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, expected) }
        return items
    }

    func optionalStrings(_ key: String) throws(LiveError) -> [String]? {
        guard let items = try optionalArray(key, "a list of strings") else { return nil }
        var texts: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.string else {
                throw LiveError.invalid(key: "\(path(key))[\(index)]", message: "\(path(key))[\(index)]: expected a string")
            }
            texts.append(text)
        }
        return texts
    }

    func optionalIntegers(_ key: String) throws(LiveError) -> [Int64]? {
        guard let items = try optionalArray(key, "a list of integers") else { return nil }
        var numbers: [Int64] = []
        for (index, item) in items.enumerated() {
            guard case .integer(let number) = item else {
                throw LiveError.invalid(key: "\(path(key))[\(index)]", message: "\(path(key))[\(index)]: expected an integer")
            }
            numbers.append(number)
        }
        return numbers
    }

    func optionalObjects(_ key: String) throws(LiveError) -> [JSONObject]? {
        guard let items = try optionalArray(key, "a list of objects") else { return nil }
        var objects: [JSONObject] = []
        for (index, item) in items.enumerated() { objects.append(try JSONObject(item, path: "\(path(key))[\(index)]")) }
        return objects
    }

    func requiredObjects(_ key: String) throws(LiveError) -> [JSONObject] {
        guard let objects = try optionalObjects(key) else { throw missing(key, "a list of objects") }
        return objects
    }
}
