import GraphQLEngine
import Synchronization
import Testing
@testable import Server

/// `graphql-transport-ws` sessions: initialisation with credentials, operations multiplexed by
/// id, subscriptions streamed, and the close codes of the protocol.
@Suite struct GraphQLWebSocketSessionTests {
    /// A peer that records what the session sends.
    final class Recorder: WebSocketPeer {
        let log = Mutex<[String]>([])
        func send(_ text: String) { log.withLock { $0.append(text) } }
        func close(code: Int, reason: String) { log.withLock { $0.append("close \(code) \(reason)") } }
        var messages: [String] { log.withLock { $0 } }
    }

    static let executable: ExecutableSchema<String> = {
        let schema = try! Schema.build(sdl: """
        type Query { whoami: String! }
        type Subscription { counter(to: Int!): Int! }
        """)
        return try! ExecutableSchema<String>(schema: schema, strict: true) { b in
            b.object("Query", as: RootValue.self) { t in t.field("whoami") { _, call in call.context } }
            b.object("Subscription", as: Int.self) { t in
                t.field("counter") { value, _ in value }
                t.subscription("counter") { call in
                    let to = call.arguments.int("to") ?? 0
                    return AsyncThrowingStream { continuation in
                        for i in 1...max(1, to) { continuation.yield(i) }
                        continuation.finish()
                    }
                }
            }
        }
    }()

    func session(_ peer: Recorder, header: String? = nil, timeout: Duration = .seconds(3)) -> GraphQLWebSocketSession<String> {
        GraphQLWebSocketSession(executable: Self.executable, documents: DocumentCache(schema: Self.executable.schema, capacity: 10),
                                peer: peer, upgradeAuthorization: header, initTimeout: timeout) { authorization in
            authorization == "Bearer good" ? "anna" : nil
        }
    }

    func eventually(_ peer: Recorder, count: Int) async {
        for _ in 0..<200 where peer.messages.count < count { try? await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func initialisesRunsQueriesAndStreamsSubscriptions() async {
        let peer = Recorder()
        let s = session(peer)
        await s.receive(#"{"type":"connection_init","payload":{"authorization":"Bearer good"}}"#)
        await s.receive(#"{"type":"subscribe","id":"q","payload":{"query":"{ whoami }"}}"#)
        await eventually(peer, count: 3)
        #expect(Array(peer.messages.prefix(3)) == [#"{"type":"connection_ack"}"#, #"{"type":"next","id":"q","payload":{"data":{"whoami":"anna"}}}"#,
                                                  #"{"type":"complete","id":"q"}"#])
        await s.receive(#"{"type":"subscribe","id":"s","payload":{"query":"subscription($n: Int!) { counter(to: $n) }","variables":{"n":2}}}"#)
        await eventually(peer, count: 6)
        #expect(Array(peer.messages.suffix(3)) == [#"{"type":"next","id":"s","payload":{"data":{"counter":1}}}"#,
                                                  #"{"type":"next","id":"s","payload":{"data":{"counter":2}}}"#, #"{"type":"complete","id":"s"}"#])
        await s.receive(#"{"type":"ping"}"#)
        await s.receive(#"{"type":"subscribe","id":"bad","payload":{"query":"{ nope }"}}"#)
        await eventually(peer, count: 8)
        #expect(peer.messages[6] == #"{"type":"pong"}"#)
        #expect(peer.messages[7].hasPrefix(#"{"type":"error","id":"bad","payload":[{"message":"Cannot query field"#))
        // A late complete for a finished id is ignored.
        await s.receive(#"{"type":"complete","id":"q"}"#)
        #expect(peer.messages.count == 8)
    }

    @Test func theUpgradeHeaderMayCarryTheCredentials() async {
        let peer = Recorder()
        let s = session(peer, header: "Bearer good")
        await s.receive(#"{"type":"connection_init"}"#)
        #expect(peer.messages == [#"{"type":"connection_ack"}"#])
    }

    @Test func closesWithTheProtocolsCodes() async {
        func closing(_ messages: [String], header: String? = nil) async -> String? {
            let peer = Recorder()
            let s = session(peer, header: header)
            for m in messages { await s.receive(m) }
            return peer.messages.last
        }
        let good = #"{"type":"connection_init","payload":{"authorization":"Bearer good"}}"#
        #expect(await closing(["not json"]) == "close 4400 Invalid message received")
        #expect(await closing([#"{"id":"1"}"#]) == "close 4400 Invalid message received")
        #expect(await closing([#"{"type":"bogus"}"#]) == "close 4400 Invalid message received")
        #expect(await closing([#"{"type":"connection_init","payload":{"authorization":"Bearer bad"}}"#]) == "close 4403 Forbidden")
        #expect(await closing([good, good]) == "close 4429 Too many initialisation requests")
        #expect(await closing([#"{"type":"subscribe","id":"1","payload":{"query":"{ whoami }"}}"#]) == "close 4401 Unauthorized")
        #expect(await closing([good, #"{"type":"subscribe","id":"1","payload":{}}"#]) == "close 4400 Invalid message received")
        let peer = Recorder()
        let s = session(peer)
        await s.receive(good)
        await s.receive(#"{"type":"subscribe","id":"x","payload":{"query":"subscription { counter(to: 100000) }"}}"#)
        await s.receive(#"{"type":"subscribe","id":"x","payload":{"query":"{ whoami }"}}"#)
        #expect(peer.messages.contains("close 4409 Subscriber for x already exists"))
    }

    @Test func closesWhenNoInitArrivesInTime() async {
        let peer = Recorder()
        let s = session(peer, timeout: .milliseconds(20))
        await s.start()
        await eventually(peer, count: 1)
        #expect(peer.messages == ["close 4408 Connection initialisation timeout"])
    }
}
