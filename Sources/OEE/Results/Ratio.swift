/// `numerator / denominator` as a Double, nil when the denominator is 0.
func ratio(_ numerator: Int64, _ denominator: Int64) -> Double? {
    denominator == 0 ? nil : Double(numerator) / Double(denominator)
}
