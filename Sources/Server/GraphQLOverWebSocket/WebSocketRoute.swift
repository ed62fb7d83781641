import GraphQLEngine
import NIOCore
import NIOHTTP1

/// `graphql-transport-ws` at `/graphql`: which upgrade requests are taken, and the handler of an
/// upgraded connection — a ``GraphQLWebSocketSession`` behind a ``GraphQLSocketHandler``, writing
/// through a bounded ``ChannelPeer``. A client that offers no acceptable subprotocol is upgraded
/// and closed with 4406, as the protocol asks.
struct WebSocketRoute<Context: Sendable>: Sendable {
    static var subprotocol: String { "graphql-transport-ws" }
    let executable: ExecutableSchema<Context>
    let documents: DocumentCache
    let configuration: ServerConfiguration
    let hooks: SocketHooks<Context>

    /// The `101`'s extra headers for an upgrade of `/graphql` (the subprotocol, when offered);
    /// nil for any other path.
    func accept(_ head: HTTPRequestHead) -> HTTPHeaders? {
        guard head.uri.split(separator: "?", maxSplits: 1).first == "/graphql" else { return nil }
        return Self.offersSubprotocol(head) ? ["Sec-WebSocket-Protocol": Self.subprotocol] : [:]
    }

    /// Puts the connection's handler on an upgraded channel.
    func serve(_ channel: any Channel, _ head: HTTPRequestHead) throws {
        let peer = try ChannelPeer(channel: channel, backlogLimit: configuration.webSocketBacklogBytes)
        let session = Self.offersSubprotocol(head) ? GraphQLWebSocketSession(
            executable: executable, documents: documents, peer: peer, upgradeAuthorization: head.headers.first(name: "Authorization"),
            initTimeout: configuration.webSocketInitTimeout, lifecycle: hooks.lifecycle, acknowledgement: hooks.acknowledgement,
            revocation: hooks.revocation, authenticate: hooks.authenticate) : nil
        let interval = configuration.webSocketPingInterval.components
        let ping = TimeAmount.seconds(interval.seconds) + .nanoseconds(interval.attoseconds / 1_000_000_000)
        try channel.pipeline.syncOperations.addHandler(
            GraphQLSocketHandler(peer: peer, session: session, maxMessageBytes: configuration.maxBodyBytes, pingInterval: ping))
    }

    static func offersSubprotocol(_ head: HTTPRequestHead) -> Bool {
        head.headers["Sec-WebSocket-Protocol"].contains { $0.split(separator: ",").contains { $0.filter { !$0.isWhitespace } == subprotocol } }
    }
}
