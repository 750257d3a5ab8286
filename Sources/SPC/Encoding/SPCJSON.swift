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
    ///   `violations`, `episodes`) holds; the number left out follows as `beyond_omitted`,
    ///   `violations_omitted`, `episodes_omitted`. Nil keeps every entry.
    public static func encode(_ value: some Encodable, maxViolations: Int? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let maxViolations { encoder.userInfo[maxViolationsKey] = maxViolations }
        return try encoder.encode(value)
    }

    /// Where ``encode(_:maxViolations:)`` passes its cap to the `Encodable` conformances.
    static let maxViolationsKey = CodingUserInfoKey(rawValue: "histd.maxViolations")!
}
