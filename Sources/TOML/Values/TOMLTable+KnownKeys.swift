extension TOMLTable {
    /// Checks that every key of the table is one of `known`, so that a misspelt setting is reported
    /// instead of silently falling back to its default.
    /// - Parameter known: The keys the reader of this table accepts, in the order to list them.
    /// - Throws: `TOMLError.unknownKey` naming the first key (in document order) that is not in `known`.
    public func checkKeys(_ known: [String]) throws(TOMLError) {
        let knownSet = Set(known)
        if let unknown = keys.first(where: { !knownSet.contains($0) }) {
            throw .unknownKey(keyPath: path(of: unknown), known: known)
        }
    }
}
