/// The points (values) that one request may still return. Every front end spends its estimates
/// against it before decoding, and the actual counts after, so no request can pass the server's limit.
public struct PointsBudget: Sendable {
    /// A query would pass the budget.
    public struct Exceeded: Error, Sendable, Equatable {
        /// Points the query would return, when known.
        public let points: Int?
        /// What was left of the budget when the query asked.
        public let remaining: Int
        /// The whole budget.
        public let limit: Int
    }

    /// The whole budget.
    public let limit: Int
    /// What is left of it.
    public private(set) var remaining: Int

    /// A budget of `limit` points.
    public init(limit: Int) {
        self.limit = limit
        remaining = limit
    }

    /// Takes `points` from the budget.
    /// - Throws: ``Exceeded`` (and takes nothing) when fewer than `points` are left.
    public mutating func spend(_ points: Int) throws(Exceeded) {
        guard points >= 0, points <= remaining else {
            throw Exceeded(points: points < 0 ? nil : points, remaining: remaining, limit: limit)
        }
        remaining -= points
    }

    /// Takes `count · each` points, refusing products that overflow.
    /// - Throws: ``Exceeded`` like ``spend(_:)``.
    public mutating func spend(_ count: Int, each: Int) throws(Exceeded) {
        let (product, overflow) = count.multipliedReportingOverflow(by: each)
        try spend(overflow ? -1 : product)
    }
}
