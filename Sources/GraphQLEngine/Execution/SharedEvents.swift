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
/// cost one piece of work.
public actor SharedWork<Value: Sendable> {
    private var entries: [String: Task<Value, Never>] = [:]
    private var order: [String] = []
    private var oldest = 0
    private let capacity: Int

    public init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The value of `key`, computed by `compute` the first time.
    public func value(_ key: String, compute: @escaping @Sendable () async -> Value) async -> Value {
        if let running = entries[key] { return await running.value }
        let task = Task { await compute() }
        entries[key] = task
        order.append(key)
        if order.count - oldest > capacity {
            entries[order[oldest]] = nil
            oldest += 1
            if oldest > capacity {
                order.removeFirst(oldest)
                oldest = 0
            }
        }
        return await task.value
    }
}
