import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Monotonic nanoseconds (CLOCK_MONOTONIC), comparable across the harness's threads.
@inline(__always)
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Where the sockets of one server report: every text message after the acknowledgement, and
/// closes. The listener is swapped between phases; it is called on the sockets' event loops.
final class SocketHub: @unchecked Sendable {
    typealias Listener = (_ socket: Int, _ message: ByteBuffer, _ at: UInt64) -> Void
    private let lock = NIOLock()
    private var listener: Listener?
    private var closeCodes: [Int: Int] = [:]
    private var unexpectedCloses = 0

    func listen(_ listener: Listener?) {
        lock.withLock { self.listener = listener }
    }

    func message(_ socket: Int, _ buffer: ByteBuffer, _ at: UInt64) {
        let listener = lock.withLock { self.listener }
        listener?(socket, buffer, at)
    }

    func closed(_ socket: Int, code: Int?, expected: Bool) {
        lock.withLock {
            if let code { closeCodes[socket] = code }
            if !expected { unexpectedCloses += 1 }
        }
    }

    /// Sockets the server closed (or that broke) while the harness still wanted them, and the
    /// close codes seen.
    var unexpected: (count: Int, codes: [Int: Int]) {
        lock.withLock { (unexpectedCloses, closeCodes) }
    }
}

struct WebSocketFailure: Error, CustomStringConvertible {
    let description: String
}

/// One `graphql-transport-ws` client connection: upgraded, `connection_init` sent, acknowledged.
final class WebSocketConnection: @unchecked Sendable {
    let index: Int
    let channel: Channel
    private let closing: NIOLockedValueBox<Bool>

    init(index: Int, channel: Channel, closing: NIOLockedValueBox<Bool>) {
        self.index = index
        self.channel = channel
        self.closing = closing
    }

    /// Sends a text message (masked, as a client must).
    func send(_ text: String) {
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text))
        channel.writeAndFlush(frame, promise: nil)
    }

    /// Closes with 1000 and waits for the channel to go.
    func close() async {
        closing.withLockedValue { $0 = true }
        var data = channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: .normalClosure)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data)
        channel.writeAndFlush(frame, promise: nil)
        // The server answers with its close and drops the TCP connection; don't wait forever.
        let closed = channel.closeFuture
        let loop = channel.eventLoop
        let channel = self.channel
        loop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        try? await closed.get()
    }

    /// Opens a connection to `ws://host:port/path` offering `subprotocol`, sends
    /// `connection_init` with `initPayload` and returns once the server acknowledged it.
    static func open(group: EventLoopGroup, host: String, port: Int, path: String = "/graphql",
                     subprotocol: String = "graphql-transport-ws", initPayload: String, index: Int, hub: SocketHub) async throws -> WebSocketConnection {
        let loop = group.next()
        let acknowledged = loop.makePromise(of: Void.self)
        let closing = NIOLockedValueBox(false)
        let bootstrap = ClientBootstrap(group: loop)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 20, automaticErrorHandling: false) { channel, _ in
                    // The request handler saw the HTTP side only; WebSocket frames go to the frame handler.
                    channel.pipeline.removeHandler(name: "upgrade-request").flatMap {
                        channel.pipeline.addHandler(FrameHandler(index: index, hub: hub, initPayload: initPayload, acknowledged: acknowledged, closing: closing))
                    }
                }
                let config: NIOHTTPClientUpgradeSendableConfiguration = (upgraders: [upgrader], completionHandler: { _ in })
                return channel.pipeline.addHTTPClientHandlers(withClientUpgrade: config).flatMap {
                    channel.pipeline.addHandler(UpgradeRequest(host: host, port: port, path: path, subprotocol: subprotocol, acknowledged: acknowledged),
                                                name: "upgrade-request")
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            acknowledged.fail(error)
            throw error
        }
        channel.closeFuture.whenComplete { _ in acknowledged.fail(WebSocketFailure(description: "closed before connection_ack")) }
        do {
            try await acknowledged.futureResult.get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return WebSocketConnection(index: index, channel: channel, closing: closing)
    }
}

/// Sends the upgrade request once connected; a response that reaches it means the server did
/// not upgrade.
private final class UpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let host: String
    let port: Int
    let path: String
    let subprotocol: String
    let acknowledged: EventLoopPromise<Void>

    init(host: String, port: Int, path: String, subprotocol: String, acknowledged: EventLoopPromise<Void>) {
        self.host = host
        self.port = port
        self.path = path
        self.subprotocol = subprotocol
        self.acknowledged = acknowledged
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(host):\(port)")
        headers.add(name: "Sec-WebSocket-Protocol", value: subprotocol)
        headers.add(name: "Content-Length", value: "0")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            acknowledged.fail(WebSocketFailure(description: "upgrade refused: HTTP \(head.status.code)"))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        acknowledged.fail(error)
        context.close(promise: nil)
    }
}

/// The WebSocket side: `connection_init` on upgrade, then text messages to the hub; pings
/// answered (WebSocket and graphql-transport-ws), closes recorded.
private final class FrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let index: Int
    let hub: SocketHub
    let initPayload: String
    let acknowledged: EventLoopPromise<Void>
    let closing: NIOLockedValueBox<Bool>
    private var isAcknowledged = false
    private var fragments: ByteBuffer?
    private var closeReported = false

    init(index: Int, hub: SocketHub, initPayload: String, acknowledged: EventLoopPromise<Void>, closing: NIOLockedValueBox<Bool>) {
        self.index = index
        self.hub = hub
        self.initPayload = initPayload
        self.acknowledged = acknowledged
        self.closing = closing
    }

    func handlerAdded(context: ChannelHandlerContext) {
        send(context, opcode: .text, ByteBuffer(string: #"{"type":"connection_init","payload":\#(initPayload)}"#))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            if frame.fin { text(context, frame.unmaskedData) } else { fragments = frame.unmaskedData }
        case .continuation:
            guard var buffer = fragments else { return }
            var data = frame.unmaskedData
            buffer.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                text(context, buffer)
            } else {
                fragments = buffer
            }
        case .ping:
            send(context, opcode: .pong, frame.unmaskedData)
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode().map { Int(UInt16(webSocketErrorCode: $0)) }
            report(code: code)
            if !closing.withLockedValue({ $0 }) {
                // Echo the close, as the protocol asks.
                var echo = context.channel.allocator.buffer(capacity: 2)
                echo.write(webSocketErrorCode: .normalClosure)
                send(context, opcode: .connectionClose, echo)
            }
            context.close(promise: nil)
        default:
            break
        }
    }

    private func text(_ context: ChannelHandlerContext, _ buffer: ByteBuffer) {
        let at = nowNanos()
        if !isAcknowledged {
            if buffer.readableBytesView.firstRange(of: Array(#""connection_ack""#.utf8)) != nil {
                isAcknowledged = true
                acknowledged.succeed(())
            }
            return
        }
        if buffer.readableBytes < 32, buffer.readableBytesView.firstRange(of: Array(#""ping""#.utf8)) != nil {
            send(context, opcode: .text, ByteBuffer(string: #"{"type":"pong"}"#))
            return
        }
        hub.message(index, buffer, at)
    }

    private func send(_ context: ChannelHandlerContext, opcode: WebSocketOpcode, _ data: ByteBuffer) {
        let frame = WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    private func report(code: Int?) {
        guard !closeReported else { return }
        closeReported = true
        hub.closed(index, code: code, expected: closing.withLockedValue { $0 })
    }

    func channelInactive(context: ChannelHandlerContext) {
        report(code: nil)
        acknowledged.fail(WebSocketFailure(description: "closed before connection_ack"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// Opens `count` connections, `concurrency` at a time; fails if any does not open.
func openConnections(count: Int, concurrency: Int, group: EventLoopGroup, host: String, port: Int,
                     initPayload: String, hub: SocketHub, firstIndex: Int = 0,
                     afterOpen: (@Sendable (WebSocketConnection) async -> Void)? = nil) async throws -> [WebSocketConnection] {
    try await withThrowingTaskGroup(of: WebSocketConnection.self) { tasks in
        var opened: [WebSocketConnection] = []
        opened.reserveCapacity(count)
        var next = 0
        func start() {
            let index = firstIndex + next
            next += 1
            tasks.addTask {
                let connection = try await WebSocketConnection.open(group: group, host: host, port: port, initPayload: initPayload, index: index, hub: hub)
                await afterOpen?(connection)
                return connection
            }
        }
        while next < min(concurrency, count) { start() }
        while let connection = try await tasks.next() {
            opened.append(connection)
            if next < count { start() }
        }
        return opened.sorted { $0.index < $1.index }
    }
}

/// Closes connections, `concurrency` at a time.
func closeConnections(_ connections: [WebSocketConnection], concurrency: Int = 256) async {
    await withTaskGroup(of: Void.self) { tasks in
        var iterator = connections.makeIterator()
        for _ in 0..<concurrency {
            guard let connection = iterator.next() else { break }
            tasks.addTask { await connection.close() }
        }
        while await tasks.next() != nil {
            if let connection = iterator.next() { tasks.addTask { await connection.close() } }
        }
    }
}

extension ByteBuffer {
    /// Whether the readable bytes contain `needle`.
    func contains(_ needle: [UInt8]) -> Bool {
        readableBytesView.firstRange(of: needle) != nil
    }

    /// The decimal number right after the first `marker`, if any.
    func number(after marker: [UInt8]) -> Int? {
        let view = readableBytesView
        guard let range = view.firstRange(of: marker) else { return nil }
        var value = 0
        var index = range.upperBound
        var digits = 0
        while index < view.endIndex, view[index] >= 48, view[index] <= 57 {
            value = value * 10 + Int(view[index] - 48)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
