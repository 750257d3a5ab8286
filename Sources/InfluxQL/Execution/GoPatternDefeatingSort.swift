/// Go 1.19's `sort.Sort` (pattern-defeating quicksort), step for step: InfluxDB 1.6 as Debian
/// builds it (Go 1.19) sorts with it where the order of equal elements decides an answer (`mode`).
/// The order it leaves equal elements in is not stable but is deterministic, and this reproduces it.
enum GoPatternDefeatingSort {
    /// Sorts `items` in ascending order of `less`, leaving equal elements where Go's sort does.
    static func sort<Element>(_ items: inout [Element], by less: @escaping (Element, Element) -> Bool) {
        guard items.count > 1 else { return }
        var data = Data(items: items, less: less)
        data.pdqsort(0, items.count, limit: Int.bitWidth - items.count.leadingZeroBitCount)
        items = data.items
    }

    private enum Hint { case unknown, increasing, decreasing }

    private struct Data<Element> {
        var items: [Element]
        let less: (Element, Element) -> Bool

        func isLess(_ i: Int, _ j: Int) -> Bool { less(items[i], items[j]) }
        mutating func swap(_ i: Int, _ j: Int) { items.swapAt(i, j) }

        mutating func pdqsort(_ start: Int, _ end: Int, limit: Int) {
            var a = start
            var b = end
            var limit = limit
            var wasBalanced = true
            var wasPartitioned = true
            while true {
                let length = b - a
                if length <= 12 {
                    insertionSort(a, b)
                    return
                }
                if limit == 0 {
                    heapSort(a, b)
                    return
                }
                if !wasBalanced {
                    breakPatterns(a, b)
                    limit -= 1
                }
                var (pivot, hint) = choosePivot(a, b)
                if hint == .decreasing {
                    reverseRange(a, b)
                    pivot = (b - 1) - (pivot - a)
                    hint = .increasing
                }
                if wasBalanced, wasPartitioned, hint == .increasing, partialInsertionSort(a, b) { return }
                if a > 0, !isLess(a - 1, pivot) {
                    a = partitionEqual(a, b, pivot)
                    continue
                }
                let (middle, alreadyPartitioned) = partition(a, b, pivot)
                wasPartitioned = alreadyPartitioned
                let (leftLength, rightLength) = (middle - a, b - middle)
                let balanceThreshold = length / 8
                if leftLength < rightLength {
                    wasBalanced = leftLength >= balanceThreshold
                    pdqsort(a, middle, limit: limit)
                    a = middle + 1
                } else {
                    wasBalanced = rightLength >= balanceThreshold
                    pdqsort(middle + 1, b, limit: limit)
                    b = middle
                }
            }
        }

        mutating func insertionSort(_ a: Int, _ b: Int) {
            guard b - a > 1 else { return }
            for i in (a + 1)..<b {
                var j = i
                while j > a, isLess(j, j - 1) {
                    swap(j, j - 1)
                    j -= 1
                }
            }
        }

        mutating func siftDown(_ low: Int, _ high: Int, first: Int) {
            var root = low
            while true {
                var child = 2 * root + 1
                if child >= high { return }
                if child + 1 < high, isLess(first + child, first + child + 1) { child += 1 }
                if !isLess(first + root, first + child) { return }
                swap(first + root, first + child)
                root = child
            }
        }

        mutating func heapSort(_ a: Int, _ b: Int) {
            let high = b - a
            for i in stride(from: (high - 1) / 2, through: 0, by: -1) { siftDown(i, high, first: a) }
            for i in stride(from: high - 1, through: 0, by: -1) {
                swap(a, a + i)
                siftDown(0, i, first: a)
            }
        }

        mutating func partition(_ a: Int, _ b: Int, _ pivot: Int) -> (Int, Bool) {
            swap(a, pivot)
            var i = a + 1
            var j = b - 1
            while i <= j, isLess(i, a) { i += 1 }
            while i <= j, !isLess(j, a) { j -= 1 }
            if i > j {
                swap(j, a)
                return (j, true)
            }
            swap(i, j)
            i += 1
            j -= 1
            while true {
                while i <= j, isLess(i, a) { i += 1 }
                while i <= j, !isLess(j, a) { j -= 1 }
                if i > j { break }
                swap(i, j)
                i += 1
                j -= 1
            }
            swap(j, a)
            return (j, false)
        }

        mutating func partitionEqual(_ a: Int, _ b: Int, _ pivot: Int) -> Int {
            swap(a, pivot)
            var i = a + 1
            var j = b - 1
            while true {
                while i <= j, !isLess(a, i) { i += 1 }
                while i <= j, isLess(a, j) { j -= 1 }
                if i > j { break }
                swap(i, j)
                i += 1
                j -= 1
            }
            return i
        }

        mutating func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
            var i = a + 1
            for _ in 0..<5 {
                while i < b, !isLess(i, i - 1) { i += 1 }
                if i == b { return true }
                if b - a < 50 { return false }
                swap(i, i - 1)
                if i - a >= 2 {
                    var j = i - 1
                    while j >= 1, isLess(j, j - 1) {
                        swap(j, j - 1)
                        j -= 1
                    }
                }
                if b - i >= 2 {
                    var j = i + 1
                    while j < b, isLess(j, j - 1) {
                        swap(j, j - 1)
                        j += 1
                    }
                }
            }
            return false
        }

        mutating func breakPatterns(_ a: Int, _ b: Int) {
            let length = b - a
            guard length >= 8 else { return }
            var random = UInt64(length)
            let modulus = UInt(1) << (UInt.bitWidth - UInt(length).leadingZeroBitCount)
            for index in (a + (length / 4) * 2 - 1)...(a + (length / 4) * 2 + 1) {
                random ^= random << 13
                random ^= random >> 17
                random ^= random << 5
                var other = Int(UInt(truncatingIfNeeded: random) & (modulus - 1))
                if other >= length { other -= length }
                swap(index, a + other)
            }
        }

        func choosePivot(_ a: Int, _ b: Int) -> (Int, Hint) {
            let length = b - a
            var swaps = 0
            var i = a + length / 4 * 1
            var j = a + length / 4 * 2
            var k = a + length / 4 * 3
            if length >= 8 {
                if length >= 50 {
                    i = median(i - 1, i, i + 1, &swaps)
                    j = median(j - 1, j, j + 1, &swaps)
                    k = median(k - 1, k, k + 1, &swaps)
                }
                j = median(i, j, k, &swaps)
            }
            switch swaps {
            case 0: return (j, .increasing)
            case 12: return (j, .decreasing)
            default: return (j, .unknown)
            }
        }

        func order2(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
            guard isLess(b, a) else { return (a, b) }
            swaps += 1
            return (b, a)
        }

        func median(_ a: Int, _ b: Int, _ c: Int, _ swaps: inout Int) -> Int {
            var (a, b) = order2(a, b, &swaps)
            var c = c
            (b, c) = order2(b, c, &swaps)
            (a, b) = order2(a, b, &swaps)
            return b
        }

        mutating func reverseRange(_ a: Int, _ b: Int) {
            var i = a
            var j = b - 1
            while i < j {
                swap(i, j)
                i += 1
                j -= 1
            }
        }
    }
}
