/// Typed reads for configuration loaders.
///
/// Each accessor returns nil when the key is absent, so that a default can follow
/// (`try limits.integer("max_body_bytes") ?? 10_000_000`), and throws `TOMLError.typeMismatch` naming the
/// dotted key path when the key holds another type (`limits.max_body_bytes: expected an integer, found a
/// string`). Tables returned by ``table(_:)`` and ``tables(_:)`` know their path, so the errors of nested
/// reads name the full path.
extension TOMLTable {
    /// The string at `key`, nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not a string.
    public func string(_ key: String) throws(TOMLError) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let string) = value else { throw mismatch(key, expected: "a string", found: value) }
        return string
    }

    /// The integer at `key`, nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not an integer (a float such as `1.0` is not
    ///   accepted: TOML keeps the two apart).
    public func integer(_ key: String) throws(TOMLError) -> Int64? {
        guard let value = self[key] else { return nil }
        guard case .integer(let integer) = value else { throw mismatch(key, expected: "an integer", found: value) }
        return integer
    }

    /// The float at `key`, nil if absent. An integer is accepted when a `Double` holds it exactly, as it
    /// does every integer of magnitude up to 2^53 (IEEE 754 binary64 has a 53-bit significand).
    /// - Throws: `TOMLError.typeMismatch` if the value is neither a float nor an exactly convertible integer.
    public func double(_ key: String) throws(TOMLError) -> Double? {
        guard let value = self[key] else { return nil }
        switch value {
        case .float(let double):
            return double
        case .integer(let integer):
            guard let double = Double(exactly: integer) else {
                throw mismatch(key, expected: "a float", found: "an integer that a float cannot hold exactly")
            }
            return double
        default:
            throw mismatch(key, expected: "a float", found: value)
        }
    }

    /// The boolean at `key`, nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not a boolean.
    public func bool(_ key: String) throws(TOMLError) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .boolean(let bool) = value else { throw mismatch(key, expected: "a boolean", found: value) }
        return bool
    }

    /// The array at `key` (a static array or an array of tables), nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not an array.
    public func array(_ key: String) throws(TOMLError) -> [TOMLValue]? {
        guard let value = self[key] else { return nil }
        guard case .array(let array) = value else { throw mismatch(key, expected: "an array", found: value) }
        return array
    }

    /// The array of strings at `key`, nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not an array, or naming the element
    ///   (`hosts[1]`) that is not a string.
    public func strings(_ key: String) throws(TOMLError) -> [String]? {
        guard let array = try array(key) else { return nil }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard case .string(let string) = element else {
                throw .typeMismatch(keyPath: "\(path(of: key))[\(index)]", expected: "a string", found: element.typeDescription)
            }
            strings.append(string)
        }
        return strings
    }

    /// The table at `key` (a `[header]` table, a dotted-key table or an inline table), nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not a table.
    public func table(_ key: String) throws(TOMLError) -> TOMLTable? {
        guard let value = self[key] else { return nil }
        guard case .table(var table) = value else { throw mismatch(key, expected: "a table", found: value) }
        table.keyPath = path(of: key)
        return table
    }

    /// The array of tables at `key` (`[[key]]` sections, or a static array of inline tables), nil if absent.
    /// - Throws: `TOMLError.typeMismatch` if the value is not an array, or naming the element
    ///   (`machines[2]`) that is not a table.
    public func tables(_ key: String) throws(TOMLError) -> [TOMLTable]? {
        guard let array = try array(key) else { return nil }
        var tables: [TOMLTable] = []
        for (index, element) in array.enumerated() {
            let elementPath = "\(path(of: key))[\(index)]"
            guard case .table(var table) = element else {
                throw .typeMismatch(keyPath: elementPath, expected: "a table", found: element.typeDescription)
            }
            table.keyPath = elementPath
            tables.append(table)
        }
        return tables
    }

    /// The dotted path of `key` in this table; keys that are not bare are quoted as in a document.
    func path(of key: String) -> String {
        keyPath.isEmpty ? displayedKey(key) : "\(keyPath).\(displayedKey(key))"
    }

    private func mismatch(_ key: String, expected: String, found value: TOMLValue) -> TOMLError {
        mismatch(key, expected: expected, found: value.typeDescription)
    }

    private func mismatch(_ key: String, expected: String, found: String) -> TOMLError {
        .typeMismatch(keyPath: path(of: key), expected: expected, found: found)
    }
}

/// `key` as written in a dotted key: bare if it can be, else as a basic string.
func displayedKey(_ key: String) -> String {
    let isBare = !key.isEmpty && key.utf8.allSatisfy(isBareKeyByte)
    return isBare ? key : quotedBasicString(key)
}
