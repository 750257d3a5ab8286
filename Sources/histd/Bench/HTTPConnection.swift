import Foundation

/// A small keep-alive HTTP/1.1 client over one POSIX socket to a loopback or LAN server: enough to
/// drive `/write` and `/api/v1/query` without another HTTP stack between the benchmark and the server.
/// Not thread-safe: one connection per writer.
final class HTTPConnection {
    /// One answer: status, header fields (names in lower case) and the whole body.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let host: String
    let port: Int
    /// Seconds a receive may wait before the exchange fails (nil: forever).
    let receiveTimeout: Double?
    private var socket: Int32 = -1
    /// Bytes read past the end of the previous response.
    private var pending: [UInt8] = []
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)

    /// Connects at once.
    /// - Throws: ``HTTPClientError/connect(host:port:errno:)`` when the server does not accept.
    init(host: String, port: Int, receiveTimeout: Double? = nil) throws(HTTPClientError) {
        self.host = host
        self.port = port
        self.receiveTimeout = receiveTimeout
        try connect()
    }

    deinit {
        if socket >= 0 { close(socket) }
    }

    /// Sends one request and reads its response; connects again first if an earlier exchange failed.
    /// - Throws: ``HTTPClientError`` when the connection fails or the response is malformed.
    func request(_ method: String, _ target: String, body: [UInt8] = [], headers: [(String, String)] = []) throws(HTTPClientError) -> Response {
        if socket < 0 { try connect() }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8))
        try send(body)
        let response = try readResponse(method: method)
        if response.headers["connection"]?.lowercased() == "close" { disconnect() }
        return response
    }

    /// Sends raw bytes: for tests that split a request in two to have it in flight.
    func send(_ bytes: [UInt8]) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else {
                let code = errno
                disconnect()
                throw .io("send to \(host):\(port)", errno: code)
            }
            offset += sent
        }
    }

    /// Reads one response to a request already sent with ``send(_:)``.
    func readResponse(method: String = "POST") throws(HTTPClientError) -> Response {
        do throws(HTTPClientError) {
            let headEnd = try fill { $0.firstRange(of: Self.headTerminator)?.upperBound }
            let head = String(decoding: pending[..<(headEnd - 4)], as: UTF8.self)
            pending.removeFirst(headEnd)
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst()
            let parts = statusLine.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                throw HTTPClientError.malformed("status line '\(statusLine)'")
            }
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { throw HTTPClientError.malformed("header line '\(line)'") }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let body: [UInt8]
            if method == "HEAD" || status == 204 || status == 304 || (100..<200).contains(status) {
                body = []
            } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
                body = try readChunkedBody()
            } else if let lengthText = headers["content-length"] {
                guard let length = Int(lengthText), length >= 0 else { throw HTTPClientError.malformed("content-length '\(lengthText)'") }
                body = try take(length)
            } else {
                body = try readUntilClose()
            }
            return Response(status: status, headers: headers, body: body)
        } catch {
            disconnect()
            throw error
        }
    }

    /// Closes the socket; the next request connects again.
    func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
        pending.removeAll(keepingCapacity: true)
    }

    private static let headTerminator = Array("\r\n\r\n".utf8)
    private static let lineTerminator = Array("\r\n".utf8)

    private func connect() throws(HTTPClientError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .connect(host: host, port: port, errno: 0)
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            let candidate = Foundation.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if candidate >= 0 {
                if Foundation.connect(candidate, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(candidate, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    if let receiveTimeout {
                        var limit = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - receiveTimeout.rounded(.down)) * 1e6))
                        setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                    }
                    socket = candidate
                    return
                }
                lastError = errno
                close(candidate)
            }
            entry = address.pointee.ai_next
        }
        throw .connect(host: host, port: port, errno: lastError)
    }

    /// Reads until `complete` finds the end of what is wanted in `pending`; returns that end.
    private func fill(until complete: ([UInt8]) -> Int?) throws(HTTPClientError) -> Int {
        while true {
            if let end = complete(pending) { return end }
            guard try receive() > 0 else { throw .closed(host: host, port: port) }
        }
    }

    private func receive() throws(HTTPClientError) -> Int {
        while true {
            let count = readBuffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .io("receive from \(host):\(port)", errno: errno) }
            pending.append(contentsOf: readBuffer[0..<count])
            return count
        }
    }

    private func take(_ count: Int) throws(HTTPClientError) -> [UInt8] {
        _ = try fill { $0.count >= count ? count : nil }
        let bytes = Array(pending[0..<count])
        pending.removeFirst(count)
        return bytes
    }

    private func readChunkedBody() throws(HTTPClientError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try fill { $0.firstRange(of: Self.lineTerminator)?.upperBound }
            let sizeText = String(decoding: pending[..<(lineEnd - 2)], as: UTF8.self)
            pending.removeFirst(lineEnd)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16), size >= 0 else {
                throw .malformed("chunk size '\(sizeText)'")
            }
            if size == 0 {
                // No trailers are sent by the servers this client talks to: just the final CRLF.
                _ = try take(2)
                return body
            }
            body += try take(size)
            _ = try take(2)
        }
    }

    private func readUntilClose() throws(HTTPClientError) -> [UInt8] {
        while try receive() > 0 {}
        let body = pending
        disconnect()
        return body
    }
}
