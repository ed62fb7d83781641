import CRM
import Foundation

/// Hands committed events to live subscriptions. It follows the outbox (polling its newest id
/// every `pollInterval`, cheap on SQLite's reader pool) and copies each new event to every
/// subscriber's stream; a subscriber that falls `bufferLimit` events behind loses its stream
/// (it ends) and resumes from the log with `after:`. Events older than `retention` are removed.
public actor EventBus {
    public let store: any EventStore
    private let pollInterval: Duration
    private let retention: TimeInterval
    private let bufferLimit: Int
    private var lastID: Int64 = -1
    private var subscribers: [UUID: AsyncStream<DomainEvent>.Continuation] = [:]
    private var poller: Task<Void, Never>?

    public init(store: any EventStore, pollInterval: Duration = .milliseconds(100), retention: TimeInterval = 7 * 86_400,
                bufferLimit: Int = 10_000) {
        self.store = store
        self.pollInterval = pollInterval
        self.retention = retention
        self.bufferLimit = bufferLimit
    }

    /// Starts following the outbox from its newest event.
    public func start() async throws {
        guard poller == nil else { return }
        lastID = try await store.latestEventID()
        try await store.deleteEvents(before: Date().addingTimeInterval(-retention))
        let interval = pollInterval
        poller = Task { [weak self] in
            var sweeps = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.poll()
                sweeps += 1
                if sweeps % 36_000 == 0 { await self?.sweep() }
            }
        }
    }

    public func stop() {
        poller?.cancel()
        poller = nil
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    /// A stream of the events handed out from now on, its id for ``unsubscribe(_:)``, and the id
    /// of the last event handed out before it (where the stream starts).
    public func subscribe() -> (id: UUID, stream: AsyncStream<DomainEvent>, position: Int64) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .bufferingOldest(bufferLimit))
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        return (id, stream, lastID)
    }

    public func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Reads the events committed since the last poll and hands them out.
    func poll() async {
        guard lastID >= 0 else { return }
        while let batch = try? await store.events(after: lastID, limit: 500), !batch.isEmpty {
            for event in batch {
                for (id, continuation) in subscribers {
                    if case .dropped = continuation.yield(event) { unsubscribe(id) }
                }
            }
            lastID = batch[batch.count - 1].id
            if batch.count < 500 { break }
        }
    }

    private func sweep() async {
        try? await store.deleteEvents(before: Date().addingTimeInterval(-retention))
    }
}
