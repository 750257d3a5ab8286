import Crypto
import Foundation
import Hummingbird

/// Checks the request's token against the configured ones and the scope its route needs.
///
/// Tokens come as `Authorization: Token S` or `Bearer S` (InfluxDB 2.x, Grafana), as HTTP Basic
/// with the token as password, or as InfluxDB 1.x `u`/`p` query parameters with the token as `p`.
/// With no tokens configured (loopback only) every request is allowed.
struct AuthenticationMiddleware: RouterMiddleware {
    let tokens: [AccessToken]

    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard !tokens.isEmpty, let scope = Self.requiredScope(method: request.method, path: request.uri.path) else {
            return try await next(request, context)
        }
        guard let secret = Self.presentedSecret(request) else {
            throw APIError(
                .unauthorized, "authentication required: send 'Authorization: Token <token>'",
                headers: [.wwwAuthenticate: "Bearer realm=\"histd\""])
        }
        let digest = Array(SHA256.hash(data: Array(secret.utf8)))
        guard let token = tokens.first(where: { Self.constantTimeEqual($0.secretHash, digest) }) else {
            throw APIError(.unauthorized, "invalid token", headers: [.wwwAuthenticate: "Bearer realm=\"histd\""])
        }
        guard token.allows(scope) else {
            throw APIError(.forbidden, "token '\(token.name)' lacks the '\(scope.rawValue)' scope this request needs")
        }
        if token.databases != nil, Self.isUnscoped(request.uri.path) {
            throw APIError(.forbidden, "token '\(token.name)' is limited to databases and cannot use \(request.uri.path)")
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }

    /// Routes whose data cannot be limited to databases (live charts and events, OEE machines,
    /// administration): a token limited to databases is refused them.
    static func isUnscoped(_ path: String) -> Bool {
        ["/api/v1/spc/charts", "/api/v1/events", "/api/v1/oee", "/api/v1/admin"].contains { path.hasPrefix($0) }
    }

    /// The scope a route needs; nil for the public health routes.
    static func requiredScope(method: HTTPRequest.Method, path: String) -> AccessToken.Scope? {
        switch path {
        case "/health", "/ready", "/ping": return nil
        case "/write", "/api/v2/write": return .write
        default:
            if path.hasPrefix("/api/v1/admin") { return .admin }
            if path == "/api/v1/series", method == .delete { return .admin }
            if path.hasPrefix("/api/v1/series"), method != .get, method != .head { return .write }
            if path.hasPrefix("/api/v1/spc/charts") || path.hasPrefix("/api/v1/events") || path.hasPrefix("/api/v1/oee"), method != .get,
                method != .head
            {
                return .write
            }
            return .read
        }
    }

    static func presentedSecret(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let scheme = parts[0].lowercased()
            let credential = String(parts[1]).trimmingCharacters(in: .whitespaces)
            switch scheme {
            case "token", "bearer": return credential
            case "basic":
                guard let decoded = Data(base64Encoded: credential), let text = String(data: decoded, encoding: .utf8),
                    let colon = text.firstIndex(of: ":")
                else { return nil }
                return String(text[text.index(after: colon)...])
            default: return nil
            }
        }
        return request.uri.queryParameters.get("p")
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
