import Foundation

/// Why an HTTP exchange of the benchmark client failed.
enum HTTPClientError: Error, CustomStringConvertible, Equatable {
    case connect(host: String, port: Int, errno: Int32)
    case io(String, errno: Int32)
    case closed(host: String, port: Int)
    case malformed(String)

    var description: String {
        switch self {
        case .connect(let host, let port, let code):
            return "cannot connect to \(host):\(port)" + (code == 0 ? " (address not resolved)" : ": \(String(cString: strerror(code)))")
        case .io(let what, let code):
            return "\(what) failed: \(String(cString: strerror(code)))"
        case .closed(let host, let port):
            return "\(host):\(port) closed the connection before a complete response"
        case .malformed(let what):
            return "malformed HTTP response: \(what)"
        }
    }
}
