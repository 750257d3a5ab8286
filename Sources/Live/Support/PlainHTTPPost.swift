#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking HTTP/1.1 POST over a plain TCP connection: what webhook delivery needs, with
/// timeouts, and nothing more (no TLS, no redirects, no keep-alive).
struct PlainHTTPPost {
    /// The parts of an `http://host[:port][/path]` URL.
    struct Target: Sendable, Equatable {
        var host: String
        var port: UInt16
        var path: String

        /// Parses `url`; nil unless it is `http://` with a host and, when given, a valid port.
        init?(_ url: String) {
            guard url.hasPrefix("http://") else { return nil }
            let rest = url.dropFirst("http://".count)
            let authority = rest.prefix { $0 != "/" }
            path = rest.count > authority.count ? String(rest.dropFirst(authority.count)) : "/"
            if let colon = authority.lastIndex(of: ":") {
                guard let port = UInt16(authority[authority.index(after: colon)...]), port > 0 else { return nil }
                self.port = port
                host = String(authority[..<colon])
            } else {
                port = 80
                host = String(authority)
            }
            guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "@" }) else { return nil }
        }
    }

    /// Sends `body` as JSON to `target` and returns the response's status code.
    /// - Throws: ``Failure`` naming what went wrong (resolution, connection, timeout, a reply that is not HTTP).
    static func post(_ body: [UInt8], to target: Target, timeoutSeconds: Int = 10) throws(Failure) -> Int {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(target.host, String(target.port), &hints, &found) == 0, let first = found else {
            throw Failure("cannot resolve \(target.host)")
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { throw Failure("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw Failure("cannot connect to \(target.host):\(target.port): errno \(errno)")
        }
        let head =
            "POST \(target.path) HTTP/1.1\r\nHost: \(target.host):\(target.port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\nUser-Agent: histd\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure("sending to \(target.host):\(target.port) failed: errno \(errno)") }
            offset += sent
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !reply.contains(UInt8(ascii: "\n")) && reply.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            reply += buffer[0..<count]
        }
        let statusLine = String(decoding: reply.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw Failure("\(target.host):\(target.port) did not answer HTTP (\(statusLine.prefix(60)))")
        }
        return status
    }

    /// Why a POST did not get a status.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
