import Hummingbird
import Logging

/// Turns every error into `{"error": "..."}` with its status. Errors that are not ``APIError`` or
/// Hummingbird's own HTTP errors are logged in full and answered 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try APIError(error.status, error.status == .contentTooLarge ? "request body too large" : error.status.reasonPhrase)
                .response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try APIError(.internalServerError, "internal error; the server log has the details").response(from: request, context: context)
        }
    }
}
