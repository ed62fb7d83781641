import GraphQLEngine
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOWebSocket

/// `graphql-transport-ws` at `/graphql` over Hummingbird's WebSocket upgrade: the subprotocol is
/// negotiated (a client that offers none acceptable is closed with 4406), each connection gets a
/// ``GraphQLWebSocketSession`` and a bounded queue of outgoing messages.
enum WebSocketRoute {
    static let subprotocol = "graphql-transport-ws"

    /// The upgrade decision for a request: `/graphql` upgrades, everything else stays HTTP.
    static func shouldUpgrade<Context: Sendable>(
        _ request: HTTPRequest, executable: ExecutableSchema<Context>, documents: DocumentCache, configuration: ServerConfiguration,
        hooks: SocketHooks<Context>
    ) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard request.path?.split(separator: "?").first == "/graphql" else { return .dontUpgrade }
        let offered = request.headerFields[values: .secWebSocketProtocol]
            .flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let accepted = offered.contains(subprotocol)
        let authorization = request.headerFields[.authorization]
        var headers = HTTPFields()
        if accepted { headers[.secWebSocketProtocol] = subprotocol }
        return .upgrade(headers) { inbound, outbound, _ in
            Metrics.openSockets.add(1, ordering: .relaxed)
            defer { Metrics.openSockets.subtract(1, ordering: .relaxed) }
            let peer = OutboundQueue(outbound, limit: configuration.webSocketQueueLimit)
            guard accepted else {
                await peer.close(code: 4406, reason: "Subprotocol not acceptable")
                return
            }
            let session = GraphQLWebSocketSession(executable: executable, documents: documents, peer: peer,
                                                  upgradeAuthorization: authorization, initTimeout: configuration.webSocketInitTimeout,
                                                  lifecycle: hooks.lifecycle, acknowledgement: hooks.acknowledgement,
                                                  revocation: hooks.revocation, authenticate: hooks.authenticate)
            await session.start()
            do {
                for try await message in inbound.messages(maxSize: configuration.maxBodyBytes) {
                    guard case .text(let text) = message else {
                        await peer.close(code: 4400, reason: "Invalid message received")
                        break
                    }
                    await session.receive(text)
                }
            } catch {
                // A message over the size limit or a broken connection: the session ends below.
            }
            await session.connectionClosed()
            await peer.finish()
        }
    }
}

/// A connection's outgoing messages, written by one task in order. The queue is bounded: a
/// client that falls `limit` messages behind is closed (1008) rather than let the server's memory
/// grow — it reconnects and resumes its subscriptions from the last event id it saw.
final class OutboundQueue: WebSocketPeer {
    private let outbound: WebSocketOutboundWriter
    private let continuation: AsyncStream<Command>.Continuation
    private let writer: Task<Void, Never>

    enum Command: Sendable {
        case text(String)
        case close(code: Int, reason: String)
    }

    init(_ outbound: WebSocketOutboundWriter, limit: Int) {
        let (stream, continuation) = AsyncStream<Command>.makeStream(bufferingPolicy: .bufferingOldest(limit))
        self.outbound = outbound
        self.continuation = continuation
        writer = Task {
            for await command in stream {
                do {
                    switch command {
                    case .text(let text): try await outbound.write(.text(text))
                    case .close(let code, let reason):
                        try await outbound.close(WebSocketErrorCode(codeNumber: code), reason: reason)
                        return
                    }
                } catch {
                    return
                }
            }
        }
    }

    func send(_ text: String) async {
        if case .dropped = continuation.yield(.text(text)) {
            // Too far behind: nothing more is queued, and the connection closes.
            continuation.finish()
            writer.cancel()
            try? await outbound.close(WebSocketErrorCode(codeNumber: 1008), reason: "The client reads too slowly; reconnect and resume")
        }
    }

    func close(code: Int, reason: String) async {
        continuation.yield(.close(code: code, reason: reason))
        continuation.finish()
        await writer.value
    }

    /// The connection is over: stop writing.
    func finish() async {
        continuation.finish()
        await writer.value
    }
}
