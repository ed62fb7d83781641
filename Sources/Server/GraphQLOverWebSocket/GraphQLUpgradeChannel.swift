import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// The server's connections: HTTP/1.1 for every route (Hummingbird's router answers), and a
/// WebSocket upgrade whose connection is then served by a NIO handler on its event loop
/// (``GraphQLSocketHandler``). An upgraded connection has no task of its own: Hummingbird's
/// connection task ends with the upgrade, and an idle socket costs its channel and handler only.
struct GraphQLUpgradeChannel: ServerChildChannel, HTTPChannelHandler {
    enum Outcome: Sendable {
        case http(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        /// An upgrade asked for where none is served: answered 400, then closed.
        case refusedUpgrade(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        case webSocket
    }

    struct Value: ServerChildChannelValue {
        let outcome: EventLoopFuture<Outcome>
        let channel: any Channel
    }

    let responder: Responder
    /// The largest WebSocket frame read (1009 past it).
    let maxFrameSize: Int
    /// The extra headers of the `101` for an upgrade request, or nil when it does not upgrade.
    let accept: @Sendable (HTTPRequestHead) -> HTTPHeaders?
    /// Takes over an upgraded channel (on its event loop, once the `101` is written).
    let serve: @Sendable (any Channel, HTTPRequestHead) throws -> Void

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let (accept, serve) = (self.accept, self.serve)
        return channel.eventLoop.makeCompletedFuture {
            let attempted = NIOLoopBoundBox(false, eventLoop: channel.eventLoop)
            let upgrader = NIOTypedWebSocketServerUpgrader<Outcome>(
                maxFrameSize: maxFrameSize,
                shouldUpgrade: { channel, head in
                    attempted.value = true
                    return channel.eventLoop.makeSucceededFuture(accept(head))
                },
                upgradePipelineHandler: { channel, head in
                    channel.eventLoop.makeCompletedFuture {
                        try serve(channel, head)
                        return .webSocket
                    }
                })
            let upgrades = NIOTypedHTTPServerUpgradeConfiguration(upgraders: [upgrader], notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                    try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
                    let http = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                        wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                    return attempted.value ? .refusedUpgrade(http) : .http(http)
                }
            })
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration<Outcome>(upgradeConfiguration: upgrades)
            configuration.enablePipelining = false  // NIOAsyncChannel serves one request after another
            configuration.enableErrorHandling = false  // Hummingbird answers bad requests
            configuration.enableResponseHeaderValidation = false  // HTTPTypes validates
            let outcome = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: configuration)
            return Value(outcome: outcome, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.outcome.get() {
            case .http(let http): await handleHTTP(asyncChannel: http, logger: logger)
            case .refusedUpgrade(let http): await Self.refuseUpgrade(http)
            case .webSocket: break
            }
        } catch {
            logger.debug("Connection ended before its first request", metadata: ["error": "\(error)"])
        }
    }

    private static func refuseUpgrade(_ http: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>) async {
        let reason = ByteBuffer(string: "Only /graphql upgrades to a WebSocket (subprotocol graphql-transport-ws).")
        let head = HTTPResponse(status: .badRequest, headerFields: [
            .connection: "close", .contentType: "text/plain; charset=utf-8", .contentLength: String(reason.readableBytes),
        ])
        try? await http.executeThenClose { _, outbound in
            try await outbound.write(contentsOf: [.head(head), .body(reason), .end(nil)])
        }
    }
}
