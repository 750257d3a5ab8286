import Historian
import Hummingbird
import Live
import Logging
import NIOHTTP1
import Query

/// Turns every error into `{"error": "..."}` with its status. A request the HTTP parser refused (a
/// body cut short), a query argument that does not parse and a chart setting that does not fit are
/// the client's: 400. Errors that are not ``APIError``, parser or Hummingbird's
/// own HTTP errors are logged in full and answered 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch HistorianError.query(.cancelled) {
            return try APIError(.serviceUnavailable, QueryError.cancelled.description).response(from: request, context: context)
        } catch let error as LiveError {
            let status: HTTPResponse.Status
            switch error {
            case .invalid: status = .badRequest
            case .notFound: status = .notFound
            case .conflict: status = .conflict
            case .storage:
                context.logger.error("live store failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                status = .internalServerError
            }
            return try APIError(status, error.description).response(from: request, context: context)
        } catch let error as ChartSettingsError {
            return try APIError.badRequest(error.message).response(from: request, context: context)
        } catch let error as QueryArgumentError {
            return try APIError.badRequest(error.description).response(from: request, context: context)
        } catch let error as HTTPError {
            return try APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers).response(
                from: request, context: context)
        } catch let error as HTTPParserError {
            // The client's fault: usually a body that ended before its Content-Length.
            context.logger.info("malformed request", metadata: ["path": "\(request.uri.path)", "error": "\(error.debugDescription)"])
            let message =
                error == .invalidEOFState
                ? "the request ended before the body its Content-Length announced; the write was not acknowledged"
                : "malformed HTTP request: \(error.debugDescription)"
            return try APIError(.badRequest, message).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try APIError(error.status, error.status == .contentTooLarge ? "request body too large" : error.status.reasonPhrase)
                .response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try APIError(.internalServerError, "internal error; the server log has the details").response(from: request, context: context)
        }
    }
}
