import Foundation

/// The JSON documents of SPC results, as `histd spc` prints them and `/api/v1/spc` serves them:
/// the `Encodable` conformances of this module (keys in docs/spc.md) written by `JSONEncoder` with
/// sorted keys, numbers in their shortest round-tripping form, non-finite numbers as null.
public enum SPCJSON {
    /// Encodes `value` (a ``ChartResult``, ``ChartAnalysis``, ``CUSUMChart`` or ``ProcessCapability``)
    /// as compact UTF-8 JSON with sorted keys, without a trailing newline.
    /// - Throws: `EncodingError` from `JSONEncoder` (the SPC types write non-finite numbers as null,
    ///   so they do not throw).
    /// - Parameter maxViolations: the most entries each per-point list of a chart (`beyond`,
    ///   `violations`, `episodes`; of multivariate charts `beyond`, `contributions`, `beyond_t2`,
    ///   `beyond_spe`, `spe_contributions`) holds; the number left out follows under the list's key
    ///   with `_omitted` appended. Nil keeps every entry.
    public static func encode(_ value: some Encodable, maxViolations: Int? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let maxViolations { encoder.userInfo[maxViolationsKey] = maxViolations }
        return try encoder.encode(value)
    }

    /// Where ``encode(_:maxViolations:)`` passes its cap to the `Encodable` conformances.
    static let maxViolationsKey = CodingUserInfoKey(rawValue: "histd.maxViolations")!
}

extension KeyedEncodingContainer {
    /// Encodes `list` with at most the encoder's cap of entries (see ``SPCJSON/encode(_:maxViolations:)``),
    /// and under `omittedKey` how many were left out when any was.
    mutating func encodeCapped<Element: Encodable>(_ list: [Element], forKey key: Key, omittedKey: Key, encoder: any Encoder) throws {
        let cap = encoder.userInfo[SPCJSON.maxViolationsKey] as? Int ?? .max
        try encode(Array(list.prefix(max(0, cap))), forKey: key)
        if list.count > cap { try encode(list.count - cap, forKey: omittedKey) }
    }
}
