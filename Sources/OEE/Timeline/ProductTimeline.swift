/// Product changes of one machine sorted by time; a later change with the same timestamp replaces
/// the earlier one.
struct ProductTimeline: Sendable {
    private(set) var timestamps: [Int64] = []
    private(set) var products: [String] = []

    init(changes: [ProductChange] = []) {
        let order = changes.indices.sorted {
            (changes[$0].timestamp, $0) < (changes[$1].timestamp, $1)
        }
        for index in order {
            if timestamps.last == changes[index].timestamp {
                products[products.count - 1] = changes[index].product
            } else {
                timestamps.append(changes[index].timestamp)
                products.append(changes[index].product)
            }
        }
    }

    mutating func insert(_ change: ProductChange) {
        let index = timestamps.firstIndex(atOrAfter: change.timestamp) { $0 }
        if index < timestamps.count, timestamps[index] == change.timestamp {
            products[index] = change.product
        } else {
            timestamps.insert(change.timestamp, at: index)
            products.insert(change.product, at: index)
        }
    }

    /// The product made at `instant` (nil before the first change) and the end of that segment
    /// (`Int64.max` if no later change is known).
    func segment(containing instant: Int64) -> (product: String?, end: Int64) {
        let next = timestamps.firstIndex(after: instant) { $0 }
        return (next > 0 ? products[next - 1] : nil, next < timestamps.count ? timestamps[next] : Int64.max)
    }

    /// The span `[instant, next change)` whose product attribution a change at `instant` affects.
    func affectedSpan(forChangeAt instant: Int64) -> TimeWindow {
        let next = timestamps.firstIndex(after: instant) { $0 }
        return TimeWindow(start: instant, end: next < timestamps.count ? timestamps[next] : Int64.max)
    }
}
