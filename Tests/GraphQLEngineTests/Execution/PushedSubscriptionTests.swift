import Synchronization
import Testing
@testable import GraphQLEngine

/// Subscriptions started with `SubscriptionStream.start`, fed by a source that pushes its events
/// (no task waits on it): each event executed and handed over in order, the end told once, and a
/// cancelled handle stopping the source with no end told.
@Suite struct PushedSubscriptionTests {
    /// A source whose events the test pushes by hand.
    final class Pusher: SubscriptionEvents {
        struct State {
            var deliver: (@Sendable (any Sendable) async -> Void)?
            var end: (@Sendable ((any Error)?) async -> Void)?
            var cancelled = false
        }
        let state = Mutex(State())

        func start(deliver: @escaping @Sendable (any Sendable) async -> Void,
                   end: @escaping @Sendable ((any Error)?) async -> Void) -> SubscriptionHandle {
            state.withLock { $0.deliver = deliver; $0.end = end }
            return SubscriptionHandle { self.state.withLock { $0.cancelled = true } }
        }

        func push(_ n: Int) async { await state.withLock { $0.deliver }?(n) }
        func finish(_ error: (any Error)? = nil) async { await state.withLock { $0.end }?(error) }
        var cancelled: Bool { state.withLock { $0.cancelled } }
    }

    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    func start(_ pusher: Pusher, _ log: Log) async throws -> SubscriptionHandle {
        let exe = try ExecutableSchema<Void>(schema: try Schema.build(sdl: "type Query { ok: Boolean } type Subscription { tick: Int! }")) { b in
            b.object("Query", as: RootValue.self) { t in t.field("ok") { _, _ in true } }
            b.object("Subscription", as: Int.self) { t in
                t.subscription("tick") { _ in pusher }
                t.field("tick") { n, _ in n * 10 }
            }
        }
        let source = Source("subscription { tick }")
        guard case .stream(let stream) = await exe.subscribe(try Parser.parse(source), source: source, context: ()) else {
            throw ResolverError("expected a stream")
        }
        return stream.start(onResult: { result in
            log.add(result.errors.isEmpty ? String(decoding: result.jsonBytes(), as: UTF8.self) : "error \(result.errors[0].message)")
        }, onEnd: { log.add("end") })
    }

    @Test func executesEachPushedEventInOrderAndTellsTheEndOnce() async throws {
        let pusher = Pusher(), log = Log()
        _ = try await start(pusher, log)
        await pusher.push(1)
        await pusher.push(2)
        await pusher.finish()
        #expect(log.all == [#"{"data":{"tick":10}}"#, #"{"data":{"tick":20}}"#, "end"])
    }

    @Test func anErrorFromTheSourceIsOneLastResult() async throws {
        let pusher = Pusher(), log = Log()
        _ = try await start(pusher, log)
        await pusher.push(1)
        await pusher.finish(ResolverError("source broke"))
        #expect(log.all == [#"{"data":{"tick":10}}"#, "error source broke", "end"])
    }

    @Test func cancellingTheHandleStopsTheSourceOnce() async throws {
        let pusher = Pusher(), log = Log()
        let handle = try await start(pusher, log)
        #expect(!pusher.cancelled)
        handle.cancel()
        handle.cancel()
        #expect(pusher.cancelled)
    }

    @Test func aStreamSourceIsIteratedUntilItsHandleIsCancelled() async throws {
        let (events, continuation) = AsyncStream<any Sendable>.makeStream()
        let log = Log()
        let ended = Mutex(false)
        let handle = events.start(deliver: { log.add("\($0)") }, end: { _ in ended.withLock { $0 = true } })
        continuation.yield(1)
        continuation.yield(2)
        while log.all.count < 2 { await Task.yield() }
        handle.cancel()
        continuation.yield(3)
        continuation.finish()
        try await Task.sleep(for: .milliseconds(50))
        #expect(log.all == ["1", "2"])
        #expect(!ended.withLock { $0 })
    }
}
