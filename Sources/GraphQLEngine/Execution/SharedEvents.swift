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

/// Results of shared events by key: executed once while in flight (later askers wait for the
/// first), then kept for the newest `capacity` keys.
actor SharedResults {
    private var entries: [String: Task<ExecutionResult, Never>] = [:]
    private var order: [String] = []
    private var oldest = 0
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    func result(_ key: String, execute: @escaping @Sendable () async -> ExecutionResult) async -> ExecutionResult {
        if let running = entries[key] { return await running.value }
        let task = Task { await execute() }
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
