import Synchronization

/// A subscription's source event that says which subscribers see it alike. Subscriptions of the
/// same operation (document text, operation name, variables) whose events carry the same
/// `shareKey` execute the event once and share the result, so one event fanned out to many
/// identical subscriptions costs one execution. The key must be equal only where the outcome is
/// the same — it should name the event and the viewer.
public protocol SharedSourceEvent: Sendable {
    var shareKey: String { get }
    /// The event as the subscription field's resolvers see it (the root value).
    var value: any Sendable { get }
}

/// Work shared by key: done once, by the first asker in its own task, while later askers wait
/// for it; then kept for the newest `capacity` keys. Fan-out uses it so that identical
/// subscribers of one event cost one piece of work. The first asker computes at once rather than
/// in a new task: a new task would queue behind every subscriber woken by the same event, and the
/// first delivery would wait for all of them. A lock, not an actor, for the same reason: an
/// asker that finds the work done takes its value without suspending.
public final class SharedWork<Value: Sendable>: Sendable {
    /// One key's work: its value once done, and who waits for it until then.
    private final class Entry: Sendable {
        struct State {
            var value: Value?
            var waiters: [CheckedContinuation<Value, Never>] = []
        }
        let state = Mutex(State())
    }
    private struct Entries {
        var byKey: [String: Entry] = [:]
        var order: [String] = []
        var oldest = 0
    }
    private let entries = Mutex(Entries())
    private let capacity: Int

    public init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The value of `key`, computed by `compute` the first time.
    public func value(_ key: String, compute: @Sendable () async -> Value) async -> Value {
        let capacity = self.capacity
        let (entry, first) = entries.withLock { entries -> (Entry, Bool) in
            if let entry = entries.byKey[key] { return (entry, false) }
            let entry = Entry()
            entries.byKey[key] = entry
            entries.order.append(key)
            if entries.order.count - entries.oldest > capacity {
                entries.byKey[entries.order[entries.oldest]] = nil
                entries.oldest += 1
                if entries.oldest > capacity {
                    entries.order.removeFirst(entries.oldest)
                    entries.oldest = 0
                }
            }
            return (entry, true)
        }
        if first {
            let value = await compute()
            let waiters = entry.state.withLock { state in
                state.value = value
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: value) }
            return value
        }
        if let value = entry.state.withLock({ $0.value }) { return value }
        return await withCheckedContinuation { continuation in
            let done = entry.state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
