/// The samples of one series as columns, in time order: what a raw query reads when it formats
/// many rows (no ``SampleValue`` per row).
public struct SampleColumns: Sendable {
    /// The kind of every value.
    public let kind: ValueKind
    /// Timestamps, nanoseconds.
    public private(set) var timestamps: [Int64]
    /// The stored 64 bits of each value: the IEEE bits of a float, the two's complement of an
    /// integer, an unsigned integer, 0 or 1 for a boolean, the catalog code of a string (read
    /// strings through ``value(at:)``).
    public private(set) var bits: [UInt64]
    private var qualities: [UInt8]
    /// The texts of a string series, at index = code.
    private let strings: [String]

    init(kind: ValueKind, raw: [RawSample], strings: [String]) {
        self.init(kind: kind, timestamps: raw.map(\.timestamp), bits: raw.map(\.bits), qualities: raw.map(\.quality), strings: strings)
    }

    init(kind: ValueKind, timestamps: [Int64], bits: [UInt64], qualities: [UInt8], strings: [String]) {
        self.kind = kind
        self.timestamps = timestamps
        self.bits = bits
        self.qualities = qualities
        self.strings = strings
    }

    /// The number of samples.
    public var count: Int { timestamps.count }

    /// True when no sample is uncertain or bad.
    public var allGood: Bool { !qualities.contains { $0 != Quality.good.rawValue } }

    /// The value of the sample at `index`.
    public func value(at index: Int) -> SampleValue {
        SampleValue(bits: bits[index], kind: kind) { code in
            code < UInt64(strings.count) ? strings[Int(code)] : ""
        }
    }

    /// The quality of the sample at `index`.
    public func quality(at index: Int) -> Quality {
        Quality(rawValue: qualities[index]) ?? .bad
    }

    /// The samples whose quality is one of `kept`.
    public func keeping(qualities kept: Set<Quality>) -> SampleColumns {
        var result = self
        let positions = qualities.indices.filter { kept.contains(quality(at: $0)) }
        result.timestamps = positions.map { timestamps[$0] }
        result.bits = positions.map { bits[$0] }
        result.qualities = positions.map { qualities[$0] }
        return result
    }
}
