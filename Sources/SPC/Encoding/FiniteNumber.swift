extension KeyedEncodingContainer {
    /// Encodes a finite number, or null for NaN, ±∞ and nil (JSON has no non-finite numbers).
    mutating func encodeFinite(_ value: Double?, forKey key: Key) throws {
        if let value, value.isFinite {
            try encode(value, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }

    /// Encodes a list of numbers, non-finite ones as null.
    mutating func encodeFinite(_ values: [Double?], forKey key: Key) throws {
        try encode(values.map { $0.flatMap { $0.isFinite ? $0 : nil } }, forKey: key)
    }

    /// Encodes a `LimitSeries` as a number when constant, else as a list.
    mutating func encode(_ series: LimitSeries, forKey key: Key) throws {
        switch series {
        case .constant(let value): try encodeFinite(value, forKey: key)
        case .perPoint(let values): try encodeFinite(values.map { Optional($0) }, forKey: key)
        }
    }
}
