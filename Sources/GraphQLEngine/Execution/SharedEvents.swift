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
/// asker that finds the work done takes its value without suspending. Work done by an asker that
/// was cancelled meanwhile (its reads may have been cut short) is not shared: a waiter does it
/// again.
public final class SharedWork<Value: Sendable>: Sendable {
    /// One key's work: pending (with who waits for it), done (`value`), or abandoned by a
    /// cancelled asker (its waiters then do it themselves).
    private final class Entry: Sendable {
        struct State {
            var value: Value?
            var abandoned = false
            var waiters: [CheckedContinuation<Value?, Never>] = []
        }
        let state = Mutex(State())

        /// The value, if done.
        var value: Value? { state.withLock { $0.value } }

        /// Ends the work with `value` (nil: abandoned) and returns who waited for it.
        func finish(_ value: Value?) -> [CheckedContinuation<Value?, Never>] {
            state.withLock { state in
                state.value = value
                state.abandoned = value == nil
                defer { state.waiters = [] }
                return state.waiters
            }
        }

        /// The value when done, nil when abandoned, else waits for one of these.
        func outcome() async -> Value? {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Value?? in
                    if let value = state.value { return .some(value) }
                    if state.abandoned { return .some(nil) }
                    state.waiters.append(continuation)
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
        }
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
            let cancelled = Task.isCancelled
            if cancelled {
                entries.withLock { entries in
                    if entries.byKey[key] === entry { entries.byKey[key] = nil }
                }
            }
            let shared = cancelled ? nil : value
            for waiter in entry.finish(shared) { waiter.resume(returning: shared) }
            return value
        }
        if let value = entry.value { return value }
        guard let shared = await entry.outcome() else { return await self.value(key, compute: compute) }
        return shared
    }
}
