import Hummingbird

/// An error answered as `{"error": "..."}` with its HTTP status. The message is for the client:
/// it says what was wrong with the request and never shows stack traces or server paths.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// What went wrong, for the client.
    public let message: String
    /// Extra response headers, such as `Retry-After`.
    public var headers: HTTPFields

    /// Creates an error answer.
    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("error")
        writer.string(message)
        writer.endObject()
        return writer.response(status: status, headers: headers)
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
}
