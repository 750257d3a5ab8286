import Foundation

/// JSON output helpers of `histd spc`: non-finite numbers become null, keys are sorted.
enum SPCJSON {
    static var null: Any { NSNull() }

    static func number(_ value: Double) -> Any {
        value.isFinite ? value : NSNull()
    }

    static func number(_ value: Double?) -> Any {
        value.map { number($0) } ?? NSNull()
    }

    static func write(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
