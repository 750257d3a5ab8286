/// The byte offset of the first byte that does not start a well-formed UTF-8 sequence, or nil if all of
/// `bytes` is well-formed: no overlong forms, no surrogates (U+D800 to U+DFFF), nothing above U+10FFFF
/// (Unicode 15.0, section 3.9, table 3-7).
func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
        let lead = bytes[index]
        let length: Int
        var secondByteRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F:
            index += 1
            continue
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondByteRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            secondByteRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondByteRange = 0x90...0xBF
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            secondByteRange = 0x80...0x8F
        default:
            return index
        }
        guard index + length <= bytes.count, secondByteRange.contains(bytes[index + 1]) else { return index }
        for continuation in bytes[(index + 2)..<(index + length)] where !(0x80...0xBF).contains(continuation) {
            return index
        }
        index += length
    }
    return nil
}
