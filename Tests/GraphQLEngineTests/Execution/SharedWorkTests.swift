import Synchronization
import Testing
@testable import GraphQLEngine

/// The in-flight cache of fan-out: one computation per key however many ask at once, every asker
/// gets its value (also when the key is evicted while the work runs), the newest keys stay, and
/// work cut short by cancellation is done again rather than shared.
@Suite struct SharedWorkTests {
    final class Count: Sendable {
        let value = Mutex(0)
        func add() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    @Test func manyAskersAtOnceComputeOnce() async {
        let work = SharedWork<Int>()
        let computed = Count()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let values = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    await work.value("event 1") {
                        // The first asker waits here while the others arrive and wait for it.
                        for await _ in gate { break }
                        return 40 + computed.add() + 1
                    }
                }
            }
            try? await Task.sleep(for: .milliseconds(50))
            open.yield()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values.count == 200 && Set(values) == [42])
        #expect(computed.value.withLock { $0 } == 1)
        // Done work is answered from the cache.
        #expect(await work.value("event 1") { 0 } == 42)
        #expect(await work.value("event 2") { 7 } == 7)
    }

    @Test func waitersOfAnEvictedKeyStillGetItsValue() async {
        let work = SharedWork<String>(capacity: 2)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let slow = Task {
            await work.value("slow") {
                for await _ in gate { break }
                return "slow value"
            }
        }
        try? await Task.sleep(for: .milliseconds(20))
        let waiter = Task { await work.value("slow") { "computed twice" } }
        try? await Task.sleep(for: .milliseconds(20))
        // Newer keys push "slow" out of the cache while it is still being computed.
        for key in ["a", "b", "c"] { _ = await work.value(key) { key } }
        open.yield()
        #expect(await slow.value == "slow value")
        #expect(await waiter.value == "slow value")
        // Evicted: asked again, it is computed again.
        #expect(await work.value("slow") { "again" } == "again")
        #expect(await work.value("c") { "not again" } == "c")
    }

    @Test func workOfACancelledAskerIsNotShared() async {
        let work = SharedWork<String>()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let first = Task {
            await work.value("event") {
                for await _ in gate { break }
                return "cut short"
            }
        }
        try? await Task.sleep(for: .milliseconds(20))
        let waiter = Task { await work.value("event") { "done again" } }
        try? await Task.sleep(for: .milliseconds(20))
        first.cancel()
        open.yield()
        #expect(await first.value == "cut short")
        #expect(await waiter.value == "done again")
        #expect(await work.value("event") { "third time" } == "done again")
    }
}
