/// Descriptive statistics of a small sample, two-pass for accuracy.
struct SampleStatistics {
    var count: Int
    var mean: Double
    /// Σ(xᵢ − x̄)².
    var sumOfSquaredDeviations: Double
    /// Sample standard deviation with divisor n − 1; 0 for a single value.
    var standardDeviation: Double
    var minimum: Double
    var maximum: Double

    var range: Double { maximum - minimum }

    init<C: Collection<Double>>(_ values: C) {
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for value in values {
            sum += value
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        let count = values.count
        let mean = count > 0 ? sum / Double(count) : .nan
        var squares = 0.0
        for value in values {
            let deviation = value - mean
            squares += deviation * deviation
        }
        self.count = count
        self.mean = mean
        self.sumOfSquaredDeviations = squares
        self.standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Statistics of the values whose flag in `included` is true, without copying them.
    init(_ values: [Double], included: [Bool]) {
        var count = 0
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for (value, keep) in zip(values, included) where keep {
            count += 1
            sum += value
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        let mean = count > 0 ? sum / Double(count) : .nan
        var squares = 0.0
        for (value, keep) in zip(values, included) where keep {
            let deviation = value - mean
            squares += deviation * deviation
        }
        self.count = count
        self.mean = mean
        self.sumOfSquaredDeviations = squares
        self.standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        self.minimum = minimum
        self.maximum = maximum
    }
}
