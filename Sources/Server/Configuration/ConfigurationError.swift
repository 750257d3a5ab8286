/// A configuration that cannot be used; the message says which key or file and why.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting has a value of the wrong form.
    case invalid(key: String, message: String)
    /// A key that no setting has (often a typo).
    case unknownKey(String, source: String)
    /// The configuration file cannot be read or parsed.
    case file(path: String, message: String)
    /// A combination of settings that would put data at risk.
    case unsafe(String)

    public var description: String {
        switch self {
        case .invalid(let key, let message): "configuration \(key): \(message)"
        case .unknownKey(let key, let source): "\(source): unknown setting '\(key)'"
        case .file(let path, let message): "configuration file \(path): \(message)"
        case .unsafe(let message): message
        }
    }
}
