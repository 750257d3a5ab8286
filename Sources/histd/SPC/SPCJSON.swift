import Foundation

/// JSON output of `histd spc`: the SPC types encode themselves with the documented keys; keys sorted.
enum SPCJSON {
    static func write(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
