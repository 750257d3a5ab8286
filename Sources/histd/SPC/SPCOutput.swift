import Foundation
import SPC

/// Prints an SPC result on standard output: the module's ``SPCJSON`` document and a newline.
enum SPCOutput {
    static func write(_ value: some Encodable) throws {
        FileHandle.standardOutput.write(try SPCJSON.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
