/// Why `histd bench ingest` could not run or finish.
enum IngestBenchError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case emptyInput(path: String)
    case badURL(String)
    case dataDirectoryNotEmpty(String)
    case writeRejected(batch: Int, status: Int, message: String)
    case writeFailed(batch: Int, reason: String)
    case serverDidNotStop(seconds: Double)
    case serverExit(status: Int32)

    var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        case .emptyInput(let path):
            return "\(path): no line protocol lines"
        case .badURL(let text):
            return "--url '\(text)' is not http://HOST:PORT (plain HTTP, no path)"
        case .dataDirectoryNotEmpty(let path):
            return "--data \(path) is not empty: the benchmark measures bytes on disk, so it needs a new or empty directory"
        case .writeRejected(let batch, let status, let message):
            return "batch \(batch) was answered \(status): \(message)"
        case .writeFailed(let batch, let reason):
            return "batch \(batch) failed: \(reason)"
        case .serverDidNotStop(let seconds):
            return "the server did not exit within \(seconds) s of SIGTERM"
        case .serverExit(let status):
            return "the server exited with status \(status) after SIGTERM (expected 0)"
        }
    }
}
