import Foundation

/// A minimal HTTP/1.1 client over a POSIX socket, one request per connection, so tests talk to
/// the real server over real TCP without another HTTP stack in between.
struct HTTPTestClient {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw ClientError("body is not a JSON object: \(text)")
            }
            return object
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let port: Int

    func get(_ target: String, headers: [String: String] = [:]) async throws -> Response {
        try await send(method: "GET", target: target, headers: headers, body: [])
    }

    func post(_ target: String, body: [UInt8], headers: [String: String] = [:]) async throws -> Response {
        try await send(method: "POST", target: target, headers: headers, body: body)
    }

    func post(_ target: String, text: String, headers: [String: String] = [:]) async throws -> Response {
        try await post(target, body: Array(text.utf8), headers: headers)
    }

    /// Sends on a thread of its own: blocking socket calls on the few Swift concurrency threads
    /// would starve the in-process server running on the same threads.
    func send(method: String, target: String, headers: [String: String], body: [UInt8]) async throws -> Response {
        let port = port
        return try await Self.offThread { try Self.exchange(port: port, method: method, target: target, headers: headers, body: body) }
    }

    /// Runs blocking socket work on a dispatch thread.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func exchange(port: Int, method: String, target: String, headers: [String: String], body: [UInt8]) throws -> Response {
        let socket = try connect(port: port)
        defer { close(socket) }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if headers["Content-Length"] == nil { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try sendAll(socket, Array(head.utf8) + body)
        return try readResponse(socket)
    }

    static func connect(port: Int) throws -> Int32 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClientError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw ClientError("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        return socket
    }

    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ClientError("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads until the server closes the connection (requests say `Connection: close`).
    static func readResponse(_ socket: Int32) throws -> Response {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        guard let end = received.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw ClientError("no complete response head in \(received.count) bytes")
        }
        let lines = String(decoding: received[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError("bad status line '\(lines[0])'") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(received[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = try dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        while position < bytes.count {
            guard let lineEnd = bytes[position...].firstRange(of: Array("\r\n".utf8)),
                let size = Int(String(decoding: bytes[position..<lineEnd.lowerBound], as: UTF8.self), radix: 16)
            else {
                throw ClientError("bad chunked encoding")
            }
            if size == 0 { break }
            output += bytes[lineEnd.upperBound..<(lineEnd.upperBound + size)]
            position = lineEnd.upperBound + size + 2
        }
        return output
    }
}
