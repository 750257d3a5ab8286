/// Finds the bucket `[from + k·width, from + (k+1)·width)` of timestamps that mostly come in
/// increasing order: it remembers the last bucket and checks it and the next one before dividing
/// (a 64-bit division costs tens of cycles, more than the rest of merging a cell).
struct BucketLocator {
    let from: Int64
    let width: UInt64
    private var index = 0
    /// The distance of bucket `index`'s start from `from`.
    private var start: UInt64 = 0

    init(from: Int64, width: Int64) {
        self.from = from
        self.width = UInt64(width)
    }

    /// The bucket of `time` (which is not before `from`): `(time − from) / width`, which callers keep
    /// within `Int` (a rollup has at most ``Historian/maximumBuckets`` buckets).
    mutating func index(of time: Int64) -> Int {
        let distance = UInt64(bitPattern: time &- from)
        if distance >= start {
            let offset = distance - start
            if offset < width { return index }
            if offset - width < width {
                index += 1
                start += width
                return index
            }
        }
        index = Int(distance / width)
        start = UInt64(index) * width
        return index
    }
}
