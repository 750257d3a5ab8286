import HTTPTypes
import JSONText
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Keeps one client from exhausting the server's connections:
/// - a client address may hold at most ``ClientConnectionCounter/limit`` connections; more are
///   closed as soon as they open;
/// - a request's header must arrive whole within `headerTimeout` of its first byte (for the first
///   request, of the connection's opening): trickled bytes do not extend the deadline, so a client
///   sending a byte now and then cannot hold a connection. Between requests Hummingbird's idle
///   timeout applies;
/// - a connection whose socket stays full (the client reads nothing of an answer) for
///   `writeStallTimeout` is closed, so that it cannot hold the answer's memory for ever (Hummingbird's
///   idle timeout does not run while a response is being written);
/// - once the server holds `limits.max_connections`, a few more connections
///   (``ClientConnectionCounter/reservedConnections``) are accepted for `/health`, `/ping` and
///   `/metrics` only; any other request on them is answered 503 at once;
/// - a request the HTTP parser refuses before its head is whole (an over-long URL or header, a
///   forbidden character in a header) is answered 400 with a JSON error that names the cause, as
///   every other error is (Hummingbird itself would answer it with an empty body).
///
/// Sits after the HTTP codec (it sees decoded request heads and the ends of responses) and puts a
/// ``FirstByteObserver`` at the front of the pipeline to learn when a request starts arriving.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Between requests: the next byte starts the header deadline.
        case idle
        /// The header of a request is arriving; closed if it is not whole by the deadline.
        case readingHeader(Scheduled<Void>)
        /// The header has arrived; the request is being handled until its response ends.
        case handling
        /// This handler answered (an error, or 503 on a health-only connection) and closes the connection.
        case answeredHere
    }

    private let counter: ClientConnectionCounter
    private let headerTimeout: TimeAmount
    private let writeStallTimeout: TimeAmount
    private var state = State.idle
    private var address: String?
    private var admission = ClientConnectionCounter.Admission.regular
    /// Set while the socket is not writable: closes the connection when it fires.
    private var stall: Scheduled<Void>?

    init(counter: ClientConnectionCounter, headerTimeout: TimeAmount, writeStallTimeout: TimeAmount) {
        self.counter = counter
        self.headerTimeout = headerTimeout
        self.writeStallTimeout = writeStallTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        try? context.pipeline.syncOperations.addHandler(FirstByteObserver(owner: self), position: .first)
        if context.channel.isActive { opened(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        opened(context: context)
        context.fireChannelActive()
    }

    private func opened(context: ChannelHandlerContext) {
        guard address == nil else { return }
        let client = context.channel.remoteAddress?.ipAddress ?? "unknown"
        admission = counter.open(from: client)
        guard admission != .refused else {
            context.close(promise: nil)
            return
        }
        address = client
        startHeaderDeadline(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stall?.cancel()
            stall = nil
        } else if stall == nil {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            stall = context.eventLoop.scheduleTask(in: writeStallTimeout) {
                loopBound.value.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stall?.cancel()
        stall = nil
        if case .readingHeader(let deadline) = state { deadline.cancel() }
        state = .idle
        if let address {
            counter.close(from: address)
            self.address = nil
        }
        context.fireChannelInactive()
    }

    /// Called by the ``FirstByteObserver`` when bytes arrive.
    func bytesArrived(context: ChannelHandlerContext) {
        if case .idle = state { startHeaderDeadline(context: context) }
    }

    private func startHeaderDeadline(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        state = .readingHeader(
            context.eventLoop.scheduleTask(in: headerTimeout) {
                loopBound.value.close(promise: nil)
            })
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if case .readingHeader(let deadline) = state { deadline.cancel() }
            state = .handling
            if admission == .healthOnly, !Self.isMonitoring(head) {
                state = .answeredHere
                answer(
                    .serviceUnavailable,
                    "the server holds its maximum of connections (limits.max_connections); only /health, /ping and /metrics are answered on this one",
                    context: context)
                return
            }
        case .body, .end:
            if case .answeredHere = state { return }
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        switch state {
        case .idle, .readingHeader:
            if case .readingHeader(let deadline) = state { deadline.cancel() }
            state = .answeredHere
            answer(.badRequest, Self.describe(parserError), context: context)
        case .handling:
            // The request's handler reads the body and answers the error itself.
            context.fireErrorCaught(error)
        case .answeredHere:
            break
        }
    }

    private static func isMonitoring(_ request: HTTPRequest) -> Bool {
        guard request.method == .get || request.method == .head, let path = request.path else { return false }
        let route = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return route == "/health" || route == "/ping" || route == "/metrics"
    }

    /// What a parser error means to the client that caused it.
    static func describe(_ error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow:
            return "the request line and headers are longer than the server accepts (limits.max_header_bytes)"
        case .invalidHeaderToken, .invalidConstant, .invalidCharactersUsed:
            return "a header name or value holds a character that HTTP does not allow (a control character such as NUL)"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment:
            return "the request target is not a valid URL"
        case .invalidMethod:
            return "the request method is not a valid HTTP method"
        case .invalidVersion:
            return "the request does not name HTTP/1.0 or HTTP/1.1"
        default:
            return "malformed HTTP request: \(error.debugDescription)"
        }
    }

    /// Writes a whole JSON error answer ahead of the application and closes the connection.
    private func answer(_ status: HTTPResponse.Status, _ message: String, context: ChannelHandlerContext) {
        var body = context.channel.allocator.buffer(capacity: message.utf8.count + 16)
        body.writeString("{\"error\":")
        body.writeString(JSONText.quoted(message))
        body.writeString("}\n")
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .connection: "close"]
        fields[.contentLength] = "\(body.readableBytes)"
        if status == .serviceUnavailable { fields[.retryAfter] = "1" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), case .handling = state { state = .idle }
        context.write(data, promise: promise)
    }
}

/// Tells its ``ConnectionGuard`` when bytes arrive, before the HTTP decoder sees them.
final class FirstByteObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let owner: ConnectionGuard

    init(owner: ConnectionGuard) {
        self.owner = owner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let guardContext = try? context.pipeline.syncOperations.context(handlerType: ConnectionGuard.self) else {
            context.fireChannelRead(data)
            return
        }
        owner.bytesArrived(context: guardContext)
        context.fireChannelRead(data)
    }
}
