/// An array of tables while the document is being read; each `[[key]]` header appends an element, and
/// headers and keys that follow go into the last one.
final class ArrayOfTablesNode {
    private(set) var elements: [TableNode]
    private(set) var lastElement: TableNode

    init(first: TableNode) {
        elements = [first]
        lastElement = first
    }

    func append(_ element: TableNode) {
        elements.append(element)
        lastElement = element
    }
}
