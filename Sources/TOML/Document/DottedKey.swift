/// One part of a key as written (`a`, `"b c"`, `'d'` in `a."b c".'d'`), with the byte offset where it
/// starts so that errors can point at it.
struct KeySegment {
    let name: String
    let offset: Int
}

/// A key of one or more segments, as written in a key-value pair or a table header.
typealias DottedKey = [KeySegment]

extension Array where Element == KeySegment {
    /// The first `count` segments as a dotted key for messages, quoting segments that are not bare.
    func displayed(upTo count: Int) -> String {
        prefix(count).map { displayedKey($0.name) }.joined(separator: ".")
    }

    /// The whole key as a dotted key for messages.
    var displayed: String { displayed(upTo: count) }
}
