import CRM
import GraphQLEngine
import Foundation

/// Hands committed events to live subscriptions. It follows the outbox — woken by each commit of
/// this process, and every `pollInterval` for other writers — and hands each new event, in order,
/// to the subscribers of its kind (each queues what it cannot take at once). Events older than
/// `retention` are removed.
public actor EventBus {
    public let store: any EventStore
    /// Admitted events (the subscription's root value, nil when not for the viewer) shared by a
    /// viewer's subscriptions of the same field and arguments: a user with many consoles costs
    /// one admission (the record, history and actor read) per event. Failures are shared too.
    public let admissions = SharedWork<Result<(any Sendable)?, any Error>>()
    /// A viewer's identical subscriptions, grouped: the first delivers an event before the rest.
    let groups = ShareGroups()
    private let pollInterval: Duration
    private let retention: TimeInterval
    private var lastID: Int64 = -1
    /// Who receives each kind of event.
    private var subscribers: [DomainEvent.Kind: [UUID: @Sendable (DomainEvent) -> Void]] = [:]
    private var kindsOf: [UUID: Set<DomainEvent.Kind>] = [:]
    private var poller: Task<Void, Never>?
    private var ticker: Task<Void, Never>?
    /// Connections watching for their credentials to be revoked, by credential (`session:12`).
    private var revocationWaiters: [String: [UUID: @Sendable () -> Void]] = [:]
    /// When credentials with waiters expire; one timer sleeps until the soonest.
    private var expiries: [String: Date] = [:]
    private var expiryTimer: (at: Date, task: Task<Void, Never>)?

    public init(store: any EventStore, pollInterval: Duration = .milliseconds(500), retention: TimeInterval = 7 * 86_400) {
        self.store = store
        self.pollInterval = pollInterval
        self.retention = retention
    }

    /// Starts following the outbox from its newest event.
    public func start() async throws {
        guard poller == nil else { return }
        lastID = try await store.latestEventID()
        try await store.deleteEvents(before: Date().addingTimeInterval(-retention))
        // A commit of this process wakes the dispatcher at once; the interval catches events that
        // other processes (the CLI) write. Wake-ups coalesce: one pending is enough.
        let (wakeUps, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        store.onCommit { wake.yield() }
        let interval = pollInterval
        ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield()
            }
        }
        poller = Task { [weak self] in
            var swept = ContinuousClock.now
            for await _ in wakeUps {
                guard let self else { return }
                await self.poll()
                if swept.duration(to: .now) > .seconds(3600) {
                    swept = .now
                    await self.sweep()
                }
            }
        }
    }

    public func stop() {
        poller?.cancel()
        ticker?.cancel()
        poller = nil
        ticker = nil
        subscribers = [:]
        kindsOf = [:]
    }

    /// Hands `receive` every event of `kinds` from now on (on the bus's task: it must not wait);
    /// returns its id for ``unsubscribe(_:)`` and the id of the last event handed out before it
    /// (where it starts).
    public func subscribe(to kinds: Set<DomainEvent.Kind>, _ receive: @escaping @Sendable (DomainEvent) -> Void) -> (id: UUID, position: Int64) {
        let id = UUID()
        for kind in kinds { subscribers[kind, default: [:]][id] = receive }
        kindsOf[id] = kinds
        return (id, lastID)
    }

    /// Subscribers following the bus now (one per running subscription).
    public var subscriberCount: Int { kindsOf.count }

    /// The id of the newest event handed out.
    public var lastEventID: Int64 { lastID }

    public func unsubscribe(_ id: UUID) {
        for kind in kindsOf.removeValue(forKey: id) ?? [] { subscribers[kind]?.removeValue(forKey: id) }
    }

    /// Calls `revoked` once when the credential (`session:<id>` or `apiToken:<id>`) is revoked
    /// or, when it has one, at `expiresAt` — unless ``stopWatching(_:_:)`` comes first. Watching
    /// costs no subscription and no task: one timer serves every expiry.
    public func watchRevocation(of credential: String, expiresAt: Date? = nil, _ revoked: @escaping @Sendable () -> Void) -> UUID {
        let id = UUID()
        revocationWaiters[credential, default: [:]][id] = revoked
        if let expiresAt {
            expiries[credential] = min(expiries[credential] ?? expiresAt, expiresAt)
            if expiryTimer.map({ expiresAt < $0.at }) ?? true { armExpiryTimer(at: expiresAt) }
        }
        return id
    }

    /// Ends a watch of ``watchRevocation(of:expiresAt:_:)`` without calling it.
    public func stopWatching(_ credential: String, _ id: UUID) {
        revocationWaiters[credential]?.removeValue(forKey: id)
        if revocationWaiters[credential]?.isEmpty == true {
            revocationWaiters[credential] = nil
            expiries[credential] = nil
        }
    }

    /// Sleeps until `instant`, the soonest expiry (a waiter that stops waiting leaves the timer
    /// as it is: firing early only re-arms it).
    private func armExpiryTimer(at instant: Date) {
        expiryTimer?.task.cancel()
        expiryTimer = (instant, Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(max(0, Int(instant.timeIntervalSinceNow * 1000) + 1)))
            guard !Task.isCancelled else { return }
            await self?.expireDue()
        })
    }

    /// Ends the waits of credentials that have expired, and sleeps until the next expiry.
    private func expireDue() {
        expiryTimer = nil
        let now = Date()
        for (credential, at) in expiries where at <= now {
            expiries[credential] = nil
            if let waiters = revocationWaiters.removeValue(forKey: credential) { for revoked in waiters.values { revoked() } }
        }
        if let soonest = expiries.values.min() { armExpiryTimer(at: soonest) }
    }

    /// Connections watching for a revocation now.
    public var revocationWaiterCount: Int { revocationWaiters.values.reduce(0) { $0 + $1.count } }

    /// Reads the events committed since the last poll and hands them out.
    func poll() async {
        guard lastID >= 0 else { return }
        while let batch = try? await store.events(after: lastID, limit: 500), !batch.isEmpty {
            for event in batch {
                if event.kind == .credentialsRevoked {
                    for key in [event.id("session").map { "session:\($0)" }, event.id("apiToken").map { "apiToken:\($0)" }].compactMap({ $0 }) {
                        if let waiters = revocationWaiters.removeValue(forKey: key) { for revoked in waiters.values { revoked() } }
                        expiries[key] = nil
                    }
                }
                for receive in subscribers[event.kind]?.values ?? [:].values { receive(event) }
            }
            lastID = batch[batch.count - 1].id
            if batch.count < 500 { break }
        }
    }

    private func sweep() async {
        try? await store.deleteEvents(before: Date().addingTimeInterval(-retention))
    }
}
