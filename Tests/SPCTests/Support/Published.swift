import Foundation

/// Whether `actual` agrees with a published figure to every digit printed: |actual − published| is at
/// most half a unit in the last printed place ("74.0143" allows ±0.00005).
func agrees(_ actual: Double, with published: String) -> Bool {
    guard let value = Double(published) else { return false }
    let decimals = published.split(separator: ".").dropFirst().first?.count ?? 0
    let halfUnit = 0.5 * pow(10, -Double(decimals))
    return abs(actual - value) <= halfUnit * (1 + 1e-9)
}

/// Whether `actual` equals `expected` to a relative tolerance.
func close(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
    abs(actual - expected) <= relative * max(abs(expected), 1e-300)
}
