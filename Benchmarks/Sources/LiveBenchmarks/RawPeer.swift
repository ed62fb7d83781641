import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// The peer: a raw Hummingbird 2 WebSocket server with nothing behind it, run by this same
/// executable as a child process (`LiveBenchmarks --raw-peer --port P`), so that it has its own
/// event loops and its own resident memory like the server under test, and the harness's
/// clients talk to both the same way.
///
/// - `/graphql` upgrades with the subprotocol `graphql-transport-ws`, answers `connection_init`
///   with `connection_ack` (so the client code is the same) and registers the socket;
///   `subscribe` and everything else is ignored.
/// - `POST /broadcast`: the body, as one text frame, to every registered socket — one
///   `ByteBuffer` shared by all, written by each connection's own writer task (an `AsyncStream`
///   per connection, as the server's outgoing queue is).
/// - `POST /relay`: the same, used for one subscriber: the ceiling of webhook-to-socket with no
///   storage, no GraphQL and no bus.
/// - `GET /health`: a fixed response.
enum RawPeer {
    final class Registry: Sendable {
        private let sockets = NIOLockedValueBox<[Int: AsyncStream<ByteBuffer>.Continuation]>([:])
        private let counter = NIOLockedValueBox(0)

        func add(_ continuation: AsyncStream<ByteBuffer>.Continuation) -> Int {
            let id = counter.withLockedValue { value -> Int in
                value += 1
                return value
            }
            sockets.withLockedValue { $0[id] = continuation }
            return id
        }

        func remove(_ id: Int) {
            sockets.withLockedValue { _ = $0.removeValue(forKey: id) }
        }

        func broadcast(_ buffer: ByteBuffer) -> Int {
            let targets = sockets.withLockedValue { Array($0.values) }
            for continuation in targets { continuation.yield(buffer) }
            return targets.count
        }
    }

    static func run(port: Int) async throws {
        var logger = Logger(label: "raw-peer")
        logger.logLevel = .warning
        let registry = Registry()
        let router = Router()
        router.get("/health") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        for path in ["/broadcast", "/relay"] {
            router.post(RouterPath(stringLiteral: path)) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                let count = registry.broadcast(body)
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: String(count))))
            }
        }
        let upgrade = HTTP1WebSocketUpgradeChannel.Configuration(
            ws: WebSocketServerConfiguration(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(15))))
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: upgrade) { request, _, _ in
                guard request.path?.split(separator: "?").first == "/graphql" else { return .dontUpgrade }
                var headers = HTTPFields()
                headers[.secWebSocketProtocol] = "graphql-transport-ws"
                return .upgrade(headers) { inbound, outbound, _ in
                    let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingOldest(1000))
                    let writer = Task {
                        for await buffer in stream {
                            do {
                                try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: buffer)))
                            } catch {
                                return
                            }
                        }
                    }
                    var registered: Int?
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message else { continue }
                            if registered == nil, text.contains(#""connection_init""#) {
                                continuation.yield(ByteBuffer(string: #"{"type":"connection_ack"}"#))
                                registered = registry.add(continuation)
                            }
                        }
                    } catch {}
                    if let registered { registry.remove(registered) }
                    continuation.finish()
                    await writer.value
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "raw-peer"),
            logger: logger)
        try await app.runService()
    }
}
