import Foundation

/// Whether `actual` agrees with a published figure to every digit printed: |actual − published| is
/// at most half a unit in the last printed place ("74.0143" allows ±0.00005).
func agrees(_ actual: Double?, with published: String) -> Bool {
    guard let actual, let value = Double(published) else { return false }
    let decimals = published.split(separator: ".").dropFirst().first?.count ?? 0
    return abs(actual - value) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
}

/// A JSON number as a Double (JSONSerialization gives NSNumber).
func number(_ object: [String: Any], _ key: String) -> Double? {
    (object[key] as? NSNumber)?.doubleValue
}

/// Parses JSON bytes into Foundation objects.
func jsonObject(_ data: some Sequence<UInt8>) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])
}

/// Whether two parsed JSON values are equal (numbers compared as Doubles, exactly).
func jsonEqual(_ lhs: Any?, _ rhs: Any?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): return true
    case (is NSNull, is NSNull): return true
    case (let left as String, let right as String): return left == right
    case (let left as NSNumber, let right as NSNumber): return left.doubleValue == right.doubleValue
    case (let left as [Any], let right as [Any]):
        return left.count == right.count && zip(left, right).allSatisfy { jsonEqual($0, $1) }
    case (let left as [String: Any], let right as [String: Any]):
        return Set(left.keys) == Set(right.keys) && left.keys.allSatisfy { jsonEqual(left[$0], right[$0]) }
    default: return false
    }
}
