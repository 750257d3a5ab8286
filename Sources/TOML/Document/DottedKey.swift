/// A key as written in a key-value pair or a table header: one or more segments (`a`, `"b c"`, `'d'` in
/// `a."b c".'d'`), each with the byte offset where it starts so that errors can point at it.
struct DottedKey {
    struct Segment {
        let name: String
        let offset: Int
    }

    /// The segments before the last one: the tables the key walks through.
    private(set) var parents: [Segment] = []
    /// The segment that names the value or table itself.
    private(set) var last: Segment

    init(_ first: Segment) {
        last = first
    }

    /// The number of segments.
    var count: Int { parents.count + 1 }

    /// Adds a segment after the last one.
    mutating func append(_ segment: Segment) {
        parents.append(last)
        last = segment
    }

    /// The first `count` segments as a dotted key for messages, quoting segments that are not bare.
    func displayed(upTo count: Int) -> String {
        (parents + [last]).prefix(count).map { displayedKey($0.name) }.joined(separator: ".")
    }

    /// The whole key as a dotted key for messages.
    var displayed: String { displayed(upTo: count) }
}
