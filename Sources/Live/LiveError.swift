import Historian

/// Why a live-analytics request was refused or failed.
public enum LiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A definition key is missing, malformed or does not fit (answered 400, naming the key).
    case invalid(key: String, message: String)
    /// No chart or event has this id (404).
    case notFound(String)
    /// The request conflicts with the state: a name in use, an event acknowledged already (409).
    case conflict(String)
    /// The live store could not be read or written.
    case storage(String)

    public var description: String {
        switch self {
        case .invalid(_, let message): message
        case .notFound(let message): message
        case .conflict(let message): message
        case .storage(let message): "live store: \(message)"
        }
    }

    init(_ error: CatalogError) {
        self = .storage("\(error)")
    }

    init(_ error: ChartSettingsError) {
        self = .invalid(key: error.key, message: error.message)
    }
}
