/// Builds the document from headers and key-value pairs, enforcing every definition rule of TOML 1.0:
/// no key or table is defined twice, inline tables and static arrays are never extended, a table created
/// by dotted keys is not defined again by a header, and a table defined by a header is not extended by
/// dotted keys of another section.
struct DocumentBuilder {
    let root = TableNode(origin: .root)
    /// The table that key-value pairs go into: the last header's table, or the root before any header.
    private(set) var current: TableNode
    /// The current table's key as written in its header, for messages; empty before any header.
    private var currentPath = ""
    /// Identifies the current section (the part of the document after one header) for dotted-key tables.
    private(set) var section = 0
    private var lastSectionIdentifier = 0

    init() {
        current = root
    }

    /// A fresh section identifier, for a header or for the inside of an inline table.
    mutating func makeSectionIdentifier() -> Int {
        lastSectionIdentifier += 1
        return lastSectionIdentifier
    }

    /// Handles `[key]`: defines the table (creating its parents) and makes it the current table.
    mutating func openTable(_ key: DottedKey) throws(DefinitionError) {
        let parent = try parentForHeader(key)
        let last = key.last
        let table: TableNode
        switch parent[last.name] {
        case nil:
            table = TableNode(origin: .header)
            parent.define(last.name, as: .table(table))
        case .table(let existing) where existing.origin == .implicit:
            existing.origin = .header
            table = existing
        case .table(let existing):
            let how = existing.origin == .header ? "by an earlier [\(key.displayed)] header" : "by dotted keys"
            throw DefinitionError(offset: last.offset, reason: "table \(key.displayed) is already defined \(how)")
        case .arrayOfTables:
            throw DefinitionError(
                offset: last.offset, reason: "\(key.displayed) is already an array of tables; use [[\(key.displayed)]] to add an element")
        case .some(let child):
            throw DefinitionError(
                offset: last.offset, reason: "cannot define table \(key.displayed): the key is already defined as \(child.typeDescription)")
        }
        section = makeSectionIdentifier()
        current = table
        currentPath = key.displayed
    }

    /// Handles `[[key]]`: appends a new table to the array of tables (creating it and its parents) and
    /// makes that element the current table.
    mutating func openArrayOfTables(_ key: DottedKey) throws(DefinitionError) {
        let parent = try parentForHeader(key)
        let last = key.last
        let element = TableNode(origin: .arrayElement)
        switch parent[last.name] {
        case nil:
            parent.define(last.name, as: .arrayOfTables(ArrayOfTablesNode(first: element)))
        case .arrayOfTables(let array):
            array.append(element)
        case .value(.array):
            throw DefinitionError(
                offset: last.offset, reason: "\(key.displayed) is a static array, which [[\(key.displayed)]] cannot extend")
        case .some(let child):
            throw DefinitionError(
                offset: last.offset,
                reason: "cannot define array of tables \(key.displayed): the key is already defined as \(child.typeDescription)")
        }
        section = makeSectionIdentifier()
        current = element
        currentPath = key.displayed
    }

    /// Adds a key-value pair to the current table.
    func insert(_ key: DottedKey, value: TOMLValue) throws(DefinitionError) {
        try Self.insert(key, value: value, into: current, section: section, path: currentPath)
    }

    /// Adds a key-value pair to `table`, creating the tables of a dotted key, on behalf of `section`.
    /// `path` is the key of `table` as messages show it (empty for the root or an inline table).
    static func insert(
        _ key: DottedKey, value: TOMLValue, into table: TableNode, section: Int, path: String
    ) throws(DefinitionError) {
        func fullPath(upTo count: Int) -> String {
            path.isEmpty ? key.displayed(upTo: count) : "\(path).\(key.displayed(upTo: count))"
        }
        var node = table
        for (position, segment) in key.parents.enumerated() {
            let prefix = { fullPath(upTo: position + 1) }
            switch node[segment.name] {
            case nil:
                let created = TableNode(origin: .dotted(section: section))
                node.define(segment.name, as: .table(created))
                node = created
            case .table(let existing):
                switch existing.origin {
                case .implicit:
                    // A parent created by a header becomes a dotted-key table, so no header defines it later.
                    existing.origin = .dotted(section: section)
                case .dotted(let owner) where owner == section:
                    break
                case .dotted:
                    throw DefinitionError(
                        offset: segment.offset, reason: "table \(prefix()) was created by dotted keys in another section and cannot be extended here")
                case .header, .root, .arrayElement:
                    throw DefinitionError(
                        offset: segment.offset,
                        reason: "table \(prefix()) is defined by a [\(prefix())] header; dotted keys elsewhere cannot extend it")
                }
                node = existing
            case .arrayOfTables:
                throw DefinitionError(
                    offset: segment.offset, reason: "\(prefix()) is an array of tables, which dotted keys cannot extend")
            case .value(.table):
                throw DefinitionError(offset: segment.offset, reason: "\(prefix()) is an inline table, which cannot be extended")
            case .value(let existing):
                throw DefinitionError(
                    offset: segment.offset, reason: "\(prefix()) is already defined as \(existing.typeDescription), not a table")
            }
        }
        let last = key.last
        if let existing = node[last.name] {
            throw DefinitionError(
                offset: last.offset, reason: "key \(fullPath(upTo: key.count)) is already defined (as \(existing.typeDescription))")
        }
        node.define(last.name, as: .value(value))
    }

    /// Walks the parents of a header's table, creating missing ones; an array of tables leads into its
    /// last element.
    private func parentForHeader(_ key: DottedKey) throws(DefinitionError) -> TableNode {
        var node = root
        for (position, segment) in key.parents.enumerated() {
            switch node[segment.name] {
            case nil:
                let created = TableNode(origin: .implicit)
                node.define(segment.name, as: .table(created))
                node = created
            case .table(let existing):
                node = existing
            case .arrayOfTables(let array):
                node = array.lastElement
            case .value(let existing):
                let prefix = key.displayed(upTo: position + 1)
                let reason: String
                if case .table = existing {
                    reason = "\(prefix) is an inline table, which cannot be extended"
                } else if case .array = existing {
                    reason = "\(prefix) is a static array, which a header cannot extend"
                } else {
                    reason = "\(prefix) is already defined as \(existing.typeDescription), not a table"
                }
                throw DefinitionError(offset: segment.offset, reason: reason)
            }
        }
        return node
    }
}
