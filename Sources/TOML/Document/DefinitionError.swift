/// A redefinition found while building the document: `offset` is the byte offset of the key segment at
/// fault, which the parser turns into a line and a column.
struct DefinitionError: Error {
    let offset: Int
    let reason: String
}
