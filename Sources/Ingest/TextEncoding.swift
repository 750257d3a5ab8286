/// The character encoding of an input file, as `--encoding` names it; inputs are converted to
/// UTF-8 before parsing. Latin-1 and CP1252 are one byte per character, so any piece of a file
/// converts on its own.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case latin1
    case cp1252

    /// The encoding `name` names (`utf8`, `utf-8`, `latin1`, `latin-1`, `iso-8859-1`, `cp1252`, `windows-1252`), or nil.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1": self = .latin1
        case "cp1252", "windows-1252": self = .cp1252
        default: return nil
        }
    }

    /// `bytes` in UTF-8 (UTF-8 input, and input without a byte above 0x7F, is returned as it is).
    public func utf8(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard self != .utf8, let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return Array(bytes) }
        var output = Array(bytes[..<first])
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes[first...] {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = self == .cp1252 && byte < 0xA0 ? Self.cp1252High[Int(byte - 0x80)] : UInt32(byte)
            // Two bytes for U+0080 ... U+07FF, three for the rest (CP1252's punctuation, U+FFFD).
            if scalar < 0x800 {
                output += [UInt8(0xC0 | (scalar >> 6)), UInt8(0x80 | (scalar & 0x3F))]
            } else {
                output += [UInt8(0xE0 | (scalar >> 12)), UInt8(0x80 | ((scalar >> 6) & 0x3F)), UInt8(0x80 | (scalar & 0x3F))]
            }
        }
        return output
    }

    /// CP1252's characters at 0x80 ... 0x9F (undefined ones as U+FFFD).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
