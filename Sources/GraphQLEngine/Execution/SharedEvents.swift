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

/// Work shared by key: done once while in flight (later askers wait for the first), then kept
/// for the newest `capacity` keys. Fan-out uses it so that identical subscribers of one event
/// cost one piece of work. A lock, not an actor: thousands of subscribers asking for the same key
/// at once would otherwise each queue twice (onto the actor and back); an asker that finds the
/// work done takes its value without suspending.
public final class SharedWork<Value: Sendable>: Sendable {
    private struct Entries {
        var tasks: [String: Task<Value, Never>] = [:]
        var order: [String] = []
        var oldest = 0
    }
    private let entries = Mutex(Entries())
    private let capacity: Int

    public init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The value of `key`, computed by `compute` the first time.
    public func value(_ key: String, compute: @escaping @Sendable () async -> Value) async -> Value {
        let capacity = self.capacity
        let task = entries.withLock { entries in
            if let running = entries.tasks[key] { return running }
            let task = Task { await compute() }
            entries.tasks[key] = task
            entries.order.append(key)
            if entries.order.count - entries.oldest > capacity {
                entries.tasks[entries.order[entries.oldest]] = nil
                entries.oldest += 1
                if entries.oldest > capacity {
                    entries.order.removeFirst(entries.oldest)
                    entries.oldest = 0
                }
            }
            return task
        }
        return await task.value
    }
}
