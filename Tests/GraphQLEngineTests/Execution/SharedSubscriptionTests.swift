import Synchronization
import Testing
@testable import GraphQLEngine

/// Shared subscription events: identical subscriptions (same operation text and variables) whose
/// events carry the same key execute each event once; other operations or keys do not share.
@Suite struct SharedSubscriptionTests {
    struct Event: SharedSourceEvent {
        let shareKey: String
        let value: any Sendable
    }

    static let sdl = """
    type Query { ok: Boolean }
    type Subscription { ticks: Tick }
    type Tick { n: Int! label: String! }
    """

    /// Counts how often `label` is resolved, and hands each subscription's source its events.
    final class Probe: Sendable {
        let labels = Mutex(0)
        let sources = Mutex<[AsyncThrowingStream<any Sendable, Error>.Continuation]>([])
    }

    func executable(_ probe: Probe) throws -> ExecutableSchema<Void> {
        try ExecutableSchema<Void>(schema: try Schema.build(sdl: Self.sdl)) { b in
            b.object("Query", as: RootValue.self) { t in t.field("ok") { _, _ in true } }
            b.object("Subscription", as: Int.self) { t in
                t.subscription("ticks") { _ in
                    let (stream, continuation) = AsyncThrowingStream<any Sendable, Error>.makeStream()
                    probe.sources.withLock { $0.append(continuation) }
                    return stream
                }
                t.field("ticks") { n, _ in n }
            }
            b.object("Tick", as: Int.self) { t in
                t.field("n") { n, _ in n }
                t.field("label") { n, _ in
                    probe.labels.withLock { $0 += 1 }
                    return "tick \(n)"
                }
            }
        }
    }

    func next(_ exe: ExecutableSchema<Void>, _ query: String) async throws -> SubscriptionStream.AsyncIterator {
        let source = Source(query)
        guard case .stream(let stream) = await exe.subscribe(try Parser.parse(source), source: source, context: ()) else {
            throw ResolverError("expected a stream")
        }
        return stream.makeAsyncIterator()
    }

    @Test func identicalSubscriptionsExecuteASharedEventOnce() async throws {
        let probe = Probe()
        let exe = try executable(probe)
        let query = "subscription { ticks { n label } }"
        var first = try await next(exe, query), second = try await next(exe, query)
        var other = try await next(exe, "subscription { ticks { label } }")
        let sources = probe.sources.withLock { $0 }
        #expect(sources.count == 3)
        for source in sources { source.yield(Event(shareKey: "event 1|viewer A", value: 1)) }
        let a = await first.next(), b = await second.next(), c = await other.next()
        #expect(a?.data?.jsonValue.jsonText == #"{"ticks":{"n":1,"label":"tick 1"}}"#)
        #expect(b?.data?.jsonValue.jsonText == a?.data?.jsonValue.jsonText)
        #expect(c?.data?.jsonValue.jsonText == #"{"ticks":{"label":"tick 1"}}"#)
        // One execution for the two identical subscriptions, one for the other operation.
        #expect(probe.labels.withLock { $0 } == 2)

        // Another key (another viewer) is executed on its own; a plain event is never shared.
        sources[0].yield(Event(shareKey: "event 1|viewer B", value: 1))
        sources[1].yield(2)
        _ = await first.next()
        _ = await second.next()
        #expect(probe.labels.withLock { $0 } == 4)
    }
}
