import CRM

/// The payloads of recent events as admitted for a viewer, shared by that viewer's subscriptions:
/// a user with many open consoles — or an integration token subscribed many times — costs one
/// admission (its reads of the record, history and actor) per event, not one per subscription.
/// Concurrent requests for the same key wait for the first. Keeps the newest `capacity` entries.
public actor SharedAdmissions {
    public typealias Payload = [String: (any Sendable)?]

    private var entries: [String: Task<Payload?, Error>] = [:]
    private var order: [String] = []
    private var oldest = 0
    private let capacity: Int

    public init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The payload of `key`, admitting it with `admit` the first time.
    func payload(_ key: String, admit: @escaping @Sendable () async throws -> Payload?) async throws -> Payload? {
        if let running = entries[key] { return try await running.value }
        let task = Task { try await admit() }
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
        return try await task.value
    }

    /// Who the payload is for: the same user (any session) or the same API token sees the same;
    /// nil for a viewer whose payloads are not shared.
    static func viewerKey(_ viewer: Viewer) -> String? {
        switch viewer {
        case .user(let user, _): "user:\(user.id)"
        case .apiToken(let token, _): "token:\(token.id)"
        case .anonymous: nil
        }
    }
}
