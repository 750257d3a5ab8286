/// A TOML table: keys in document order, each with a value.
///
/// A table read from a document remembers its dotted key path (empty for the document itself), so that
/// the typed accessors can name the full path of a value with the wrong type. Two tables are equal when
/// they hold the same keys in the same order with equal values; the path does not count.
public struct TOMLTable: Sendable, Equatable {
    /// The keys in the order they were first defined in the document.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    /// The dotted key path of this table from the document root, as shown in error messages.
    var keyPath: String = ""

    /// An empty table.
    public init() {}

    /// A table with `pairs` in order. A key given twice keeps its last value at its first place.
    public init(_ pairs: some Sequence<(String, TOMLValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no key.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of `key` (one key, not a dotted path), or nil if the table has no such key. Setting a
    /// new key appends it; setting nil removes it.
    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The key-value pairs in order.
    public var entries: [(key: String, value: TOMLValue)] {
        keys.compactMap { key in values[key].map { (key: key, value: $0) } }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }
}

extension TOMLTable: ExpressibleByDictionaryLiteral {
    /// A table with the keys in the order written. A key written twice keeps its last value.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self.init(elements)
    }
}
