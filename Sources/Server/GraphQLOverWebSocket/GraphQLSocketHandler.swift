import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// A WebSocket connection after the upgrade, on its event loop: it joins fragmented messages (up
/// to `maxMessageBytes`, 1009 past it), answers pings, pings an idle client every `pingInterval`
/// and drops one that has not answered the previous ping, and hands each text message to the
/// session in order. Messages are handed by a task that runs only while there are messages to
/// hand; reading pauses while `pauseAt` of them wait. A binary message is 4400, text that is not
/// UTF-8 is 1007. With no session (no acceptable subprotocol) the connection is closed 4406.
final class GraphQLSocketHandler<Context: Sendable>: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let peer: ChannelPeer
    private let session: GraphQLWebSocketSession<Context>?
    private let inbound: InboundMessages
    private let maxMessageBytes: Int
    private let pingInterval: TimeAmount
    private var message: ByteBuffer?
    private var messageIsText = false
    private var pinger: RepeatedTask?
    private var answeredPing = true

    init(peer: ChannelPeer, session: GraphQLWebSocketSession<Context>?, maxMessageBytes: Int, pingInterval: TimeAmount) {
        self.peer = peer
        self.session = session
        self.inbound = InboundMessages(pauseAt: 64)
        self.maxMessageBytes = maxMessageBytes
        self.pingInterval = pingInterval
    }

    func handlerAdded(context: ChannelHandlerContext) {
        Metrics.openSockets.add(1, ordering: .relaxed)
        guard let session else {
            return peer.close(code: 4406, reason: "Subprotocol not acceptable")
        }
        Task { await session.start() }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        pinger = context.eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            handler.value.ping()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        Metrics.openSockets.subtract(1, ordering: .relaxed)
        pinger?.cancel()
        pinger = nil
        inbound.discard()
        if let session { Task { await session.connectionClosed() } }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary, .continuation:
            dataFrame(frame, context: context)
        case .ping:
            guard frame.fin else { return peer.close(code: 1002, reason: "Fragmented ping") }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            answeredPing = true
        case .connectionClose:
            if peer.isClosing {
                context.close(promise: nil)  // the answer to our close
            } else {
                // The client closes: echo its code, then the connection ends.
                var data = frame.unmaskedData
                let code = data.readWebSocketErrorCode().map { Int(UInt16(webSocketErrorCode: $0)) } ?? 1000
                peer.close(code: code, reason: "", grace: .zero)
            }
        default:
            peer.close(code: 1002, reason: "Unknown opcode")
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            peer.close(code: 1001, reason: "The server is shutting down", grace: .zero)
        } else if case ChannelEvent.inputClosed = event {
            // The client is gone without a close frame (the server allows half-closed input).
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Steps

    private func dataFrame(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        guard !peer.isClosing else { return }
        if frame.opcode == .continuation {
            guard message != nil else { return peer.close(code: 1002, reason: "Continuation without a message") }
        } else {
            guard message == nil else { return peer.close(code: 1002, reason: "A new message inside a fragmented one") }
            message = context.channel.allocator.buffer(capacity: frame.length)
            messageIsText = frame.opcode == .text
        }
        var data = frame.unmaskedData
        guard message!.readableBytes + data.readableBytes <= maxMessageBytes else {
            message = nil
            return peer.close(code: 1009, reason: "Message too big")
        }
        message!.writeBuffer(&data)
        guard frame.fin, let complete = message else { return }
        message = nil
        guard messageIsText else { return peer.close(code: 4400, reason: "Invalid message received") }
        guard let text = complete.readableBytesView.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) })
                ?? String(validating: Array(complete.readableBytesView), as: UTF8.self) else {
            return peer.close(code: 1007, reason: "The message is not UTF-8")
        }
        guard let session else { return }
        switch inbound.add(text) {
        case .drain:
            let (inbound, channel) = (self.inbound, context.channel)
            Task {
                while let text = inbound.next(resumeReading: { _ = channel.setOption(ChannelOptions.autoRead, value: true) }) {
                    await session.receive(text)
                }
            }
        case .pauseReading:
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        case .queued:
            break
        }
    }

    private func ping() {
        guard !peer.isClosing else { return }
        guard answeredPing else {
            // The previous ping went unanswered for a whole interval: the peer is gone.
            return peer.close(code: 1001, reason: "No answer to ping", grace: .zero)
        }
        answeredPing = false
        peer.channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer()), promise: nil)
    }
}

/// The text messages of one connection waiting for its session, and whether a task is handing
/// them over.
final class InboundMessages: Sendable {
    private let state = NIOLockedValueBox(State())
    private let pauseAt: Int

    private struct State {
        var waiting: [String] = []
        var head = 0
        var draining = false
        var paused = false
        var discarded = false
    }

    enum Admission { case drain, queued, pauseReading }

    init(pauseAt: Int) {
        self.pauseAt = pauseAt
    }

    /// Queues a message: `.drain` when the caller must start handing messages over, and
    /// `.pauseReading` when the queue is full.
    func add(_ text: String) -> Admission {
        state.withLockedValue { state in
            guard !state.discarded else { return .queued }
            state.waiting.append(text)
            if !state.draining {
                state.draining = true
                return .drain
            }
            if state.waiting.count - state.head >= pauseAt && !state.paused {
                state.paused = true
                return .pauseReading
            }
            return .queued
        }
    }

    /// The next message to hand over, or nil when there is none (the drain ends; the next
    /// message starts another). Calls `resumeReading` when a paused queue has room again.
    func next(resumeReading: () -> Void) -> String? {
        let (text, resume) = state.withLockedValue { state -> (String?, Bool) in
            guard state.head < state.waiting.count else {
                state.waiting.removeAll(keepingCapacity: false)
                state.head = 0
                state.draining = false
                let resume = state.paused
                state.paused = false
                return (nil, resume)
            }
            let text = state.waiting[state.head]
            state.head += 1
            let resume = state.paused && state.waiting.count - state.head <= pauseAt / 2
            if resume { state.paused = false }
            return (text, resume)
        }
        if resume { resumeReading() }
        return text
    }

    /// The connection closed: what waits is dropped.
    func discard() {
        state.withLockedValue { state in
            state.discarded = true
            state.waiting = []
            state.head = 0
        }
    }
}
