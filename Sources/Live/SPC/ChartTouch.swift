/// What committed batches brought a chart since its last step: its good samples in the order
/// they became durable, or a request to catch up from the historian.
struct ChartTouch: Sendable {
    var samples: [(time: Int64, value: Double)] = []
    /// Read everything after the closed points from the historian first.
    var catchUp = false

    mutating func merge(_ other: ChartTouch) {
        samples += other.samples
        catchUp = catchUp || other.catchUp
    }
}
