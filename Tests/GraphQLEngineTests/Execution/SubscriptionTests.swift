import Synchronization
import Testing
@testable import GraphQLEngine

/// Subscriptions: a source stream per subscription, one result per event, setup errors as a normal
/// response, and cancellation reaching the source.
@Suite struct SubscriptionTests {
    struct Message: Sendable { let body: String; let sender: String }

    /// Tells whether the source stream of a subscription has been terminated.
    final class SourceProbe: Sendable {
        let terminated = Mutex(false)
        let continuation = Mutex<AsyncThrowingStream<any Sendable, Error>.Continuation?>(nil)
    }

    static let sdl = """
    type Query { ok: Boolean }
    type Subscription { messageReceived(channel: String!): Message failing: Message unbound: Message }
    type Message { body: String! sender: String }
    """

    func executable(_ probe: SourceProbe) throws -> ExecutableSchema<Void> {
        try ExecutableSchema<Void>(schema: try Schema.build(sdl: Self.sdl)) { b in
            b.object("Query", as: RootValue.self) { t in t.field("ok") { _, _ in true } }
            b.object("Subscription", as: Message.self) { t in
                t.subscription("messageReceived") { call in
                    guard call.arguments.string("channel") == "tg" else {
                        throw ResolverError("Unknown channel", code: "BAD_USER_INPUT")
                    }
                    let (stream, continuation) = AsyncThrowingStream<any Sendable, Error>.makeStream()
                    continuation.onTermination = { _ in probe.terminated.withLock { $0 = true } }
                    probe.continuation.withLock { $0 = continuation }
                    return stream
                }
                t.field("messageReceived") { message, _ in message }
                t.subscription("failing") { _ in
                    AsyncThrowingStream { c in c.finish(throwing: ResolverError("source broke", code: "UNAVAILABLE")) }
                }
                t.field("failing") { message, _ in message }
                t.field("unbound") { message, _ in message }
            }
            b.object("Message", as: Message.self) { t in
                t.field("body", \.body)
                t.field("sender", \.sender)
            }
        }
    }

    func subscribe(_ exe: ExecutableSchema<Void>, _ query: String) async throws -> SubscriptionResult {
        let source = Source(query)
        return await exe.subscribe(try Parser.parse(source), source: source, context: ())
    }

    @Test func deliversOneResultPerEventAndCancelsTheSource() async throws {
        let probe = SourceProbe()
        let exe = try executable(probe)
        guard case .stream(let stream) = try await subscribe(exe, #"subscription { messageReceived(channel: "tg") { body sender } }"#) else {
            Issue.record("expected a stream")
            return
        }
        let continuation = try #require(probe.continuation.withLock { $0 })
        continuation.yield(Message(body: "Hi", sender: "Anna"))
        continuation.yield(Message(body: "Bye", sender: "Boris"))
        var iterator = stream.makeAsyncIterator()
        let first = await iterator.next()
        let second = await iterator.next()
        #expect(first.map { String(decoding: $0.jsonBytes(), as: UTF8.self) } == #"{"data":{"messageReceived":{"body":"Hi","sender":"Anna"}}}"#)
        #expect(second.map { String(decoding: $0.jsonBytes(), as: UTF8.self) } == #"{"data":{"messageReceived":{"body":"Bye","sender":"Boris"}}}"#)
        // Dropping the consumer ends the source stream.
        iterator = stream.makeAsyncIterator()
        _ = iterator
        let consumer = Task { for await _ in stream {} }
        consumer.cancel()
        for _ in 0..<200 where !probe.terminated.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(probe.terminated.withLock { $0 })
    }

    @Test func setupErrorsAreANormalResponse() async throws {
        let exe = try executable(SourceProbe())
        guard case .failed(let result) = try await subscribe(exe, #"subscription { messageReceived(channel: "vk") { body } }"#) else {
            Issue.record("expected a failure")
            return
        }
        #expect(String(decoding: result.jsonBytes(), as: UTF8.self)
                == #"{"errors":[{"message":"Unknown channel","locations":[{"line":1,"column":16}],"path":["messageReceived"],"extensions":{"code":"BAD_USER_INPUT"}}]}"#)
        guard case .failed(let unbound) = try await subscribe(exe, "subscription { unbound { body } }") else {
            Issue.record("expected a failure")
            return
        }
        #expect(unbound.errors.first?.message == "Subscription field \"unbound\" has no event source.")
        guard case .failed(let query) = try await subscribe(exe, "{ ok }") else {
            Issue.record("expected a failure")
            return
        }
        #expect(query.data == nil && query.errors.first?.message == "Only subscription operations can be subscribed to.")
    }

    @Test func aSourceErrorEndsTheStreamWithThatError() async throws {
        let exe = try executable(SourceProbe())
        guard case .stream(let stream) = try await subscribe(exe, "subscription { failing { body } }") else {
            Issue.record("expected a stream")
            return
        }
        var results: [String] = []
        for await result in stream { results.append(String(decoding: result.jsonBytes(), as: UTF8.self)) }
        #expect(results == [#"{"errors":[{"message":"source broke","locations":[{"line":1,"column":16}],"path":["failing"],"extensions":{"code":"UNAVAILABLE"}}]}"#])
    }

    @Test func manySubscriptionsOpenedAndDroppedEndTheirSources() async throws {
        let probes = (0..<200).map { _ in SourceProbe() }
        for probe in probes {
            let exe = try executable(probe)
            guard case .stream(let stream) = try await subscribe(exe, #"subscription { messageReceived(channel: "tg") { body } }"#) else {
                Issue.record("expected a stream")
                return
            }
            let consumer = Task { for await _ in stream {} }
            consumer.cancel()
        }
        for _ in 0..<400 where probes.contains(where: { !$0.terminated.withLock { $0 } }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(probes.allSatisfy { $0.terminated.withLock { $0 } })
    }
}
