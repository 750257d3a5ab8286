import Dispatch

/// The query layer's one parallelism policy: independent pieces of a query (series, row ranges)
/// run on every core at once when there are several, in the calling thread otherwise.
public enum ConcurrentMap {
    /// `transform` of every element, in order; rethrows the failure of the first element that failed.
    public static func map<Element, Result>(_ elements: [Element], _ transform: (Element) throws -> Result) throws -> [Result] {
        guard elements.count > 1 else { return try elements.map(transform) }
        var results = [Swift.Result<Result, any Error>?](repeating: nil, count: elements.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, and concurrentPerform returns after all of them.
            nonisolated(unsafe) let slots = buffer
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots[index] = Swift.Result { try transform(elements[index]) }
            }
        }
        // concurrentPerform returned after every iteration wrote its slot: none is nil.
        return try results.compactMap { try $0?.get() }
    }
}
