import Historian
import Time

/// A setting's value as a source gives it: text from the environment or a flag, typed from TOML.
public enum ConfigurationValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case double(Double)
    case boolean(Bool)

    func integer(_ key: String) throws(ConfigurationError) -> Int {
        switch self {
        case .integer(let value): return Int(value)
        case .text(let text):
            if let value = Int(text.replacingOccurrences(of: "_", with: "")) { return value }
            throw .invalid(key: key, message: "expected an integer, found '\(text)'")
        default: throw .invalid(key: key, message: "expected an integer, found \(self)")
        }
    }

    func text(_ key: String) throws(ConfigurationError) -> String {
        guard case .text(let text) = self else { throw .invalid(key: key, message: "expected a string, found \(self)") }
        return text
    }

    /// A boolean: TOML's, or text `true`/`false` (`1`/`0`) from the environment.
    func boolean(_ key: String) throws(ConfigurationError) -> Bool {
        switch self {
        case .boolean(let value): return value
        case .text("true"), .text("1"): return true
        case .text("false"), .text("0"): return false
        default: throw .invalid(key: key, message: "expected true or false, found \(self)")
        }
    }

    /// A duration: text like `30s` or `500ms`, or an integer number of seconds.
    func duration(_ key: String) throws(ConfigurationError) -> Int64 {
        switch self {
        case .integer(let seconds) where seconds > 0:
            let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            if !overflow { return product }
        case .text(let text):
            if let nanoseconds = DurationText.nanoseconds(text) { return nanoseconds }
        default: break
        }
        throw .invalid(key: key, message: "expected a duration like 30s, 10m, 90d, found \(self)")
    }
}
