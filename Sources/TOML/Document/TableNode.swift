/// A table while the document is being read: mutable and shared, so that a header or a dotted key can
/// reach it again and add to it. ``TOMLTable`` is made from it once the document is complete.
final class TableNode {
    /// How the table came to exist; it decides whether a later header or dotted key may define or extend it.
    enum Origin: Equatable {
        /// The document itself, or the inside of an inline table being read.
        case root
        /// Created as a parent by a header such as `[a.b]` for `a`: a later `[a]` may still define it once.
        case implicit
        /// Defined by its own `[header]`: never again by a header, and not extended by dotted keys of
        /// another section.
        case header
        /// Created by dotted keys (`a.b = 1` creates `a`) in the section with this identifier: only dotted
        /// keys of the same section may add to it, and no header may define it.
        case dotted(section: Int)
        /// One element of an array of tables, created by a `[[header]]`.
        case arrayElement
    }

    /// What a key of a table holds while the document is read.
    enum Child {
        /// A finished value: a scalar, a static array or an inline table, none of which can be extended.
        case value(TOMLValue)
        /// A table that headers or dotted keys may still reach.
        case table(TableNode)
        /// An array of tables (`[[key]]`), which later `[[key]]` headers extend.
        case arrayOfTables(ArrayOfTablesNode)

        /// What the key holds, as error messages say it.
        var typeDescription: String {
            switch self {
            case .value(.array): return "a static array"
            case .value(.table): return "an inline table"
            case .value(let value): return value.typeDescription
            case .table: return "a table"
            case .arrayOfTables: return "an array of tables"
            }
        }
    }

    var origin: Origin
    private var keys: [String] = []
    private var children: [String: Child] = [:]

    init(origin: Origin) {
        self.origin = origin
    }

    subscript(key: String) -> Child? {
        children[key]
    }

    /// Sets what `key` holds; a new key goes after the existing ones.
    func define(_ key: String, as child: Child) {
        if children.updateValue(child, forKey: key) == nil { keys.append(key) }
    }

    /// The finished table, keys in the order they were first defined.
    func makeTable() -> TOMLTable {
        var table = TOMLTable()
        for key in keys {
            guard let child = children[key] else { continue }
            switch child {
            case .value(let value):
                table[key] = value
            case .table(let node):
                table[key] = .table(node.makeTable())
            case .arrayOfTables(let array):
                table[key] = .array(array.elements.map { .table($0.makeTable()) })
            }
        }
        return table
    }
}
