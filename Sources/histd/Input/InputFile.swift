import Compression
import Foundation

/// Reads a whole input file, gunzipping it when it is gzip (by content, whatever its name).
enum InputFile {
    static func readBytes(_ path: String) throws(InputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, reason: "cannot read the file (missing or not readable)")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        do {
            let decompressor = try GzipDecompressor()
            let output = try bytes.withUnsafeBytes { try decompressor.decompress($0) }
            try decompressor.finish()
            return output
        } catch {
            throw InputError(file: path, reason: "\(error)")
        }
    }
}
