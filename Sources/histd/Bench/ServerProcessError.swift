/// Why a `histd serve` child could not be started.
enum ServerProcessError: Error, CustomStringConvertible {
    case missingExecutable(String)
    case launch(String)
    case exitedBeforeListening(status: Int32, log: String)
    case notListening(seconds: Double, log: String)

    var description: String {
        switch self {
        case .missingExecutable(let path):
            return "no histd executable at \(path) (build it first: swift build)"
        case .launch(let reason):
            return "cannot start histd serve: \(reason)"
        case .exitedBeforeListening(let status, let log):
            return "histd serve exited with status \(status) before listening; its log ends:\n\(log)"
        case .notListening(let seconds, let log):
            return "histd serve did not log a listening address within \(seconds) s; its log ends:\n\(log)"
        }
    }
}
