extension Array {
    /// Index of the first element whose timestamp is greater than `instant` (binary search over
    /// an array sorted by `timestamp`).
    func firstIndex(after instant: Int64, timestamp: (Element) -> Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if timestamp(self[middle]) <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Index of the first element whose timestamp is `instant` or later.
    func firstIndex(atOrAfter instant: Int64, timestamp: (Element) -> Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if timestamp(self[middle]) < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
