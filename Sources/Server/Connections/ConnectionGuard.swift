import NIOCore
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
///   idle timeout does not run while a response is being written).
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
    }

    private let counter: ClientConnectionCounter
    private let headerTimeout: TimeAmount
    private let writeStallTimeout: TimeAmount
    private var state = State.idle
    private var address: String?
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
        guard counter.open(from: client) else {
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
        if case .head = unwrapInboundIn(data) {
            if case .readingHeader(let deadline) = state { deadline.cancel() }
            state = .handling
        }
        context.fireChannelRead(data)
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
