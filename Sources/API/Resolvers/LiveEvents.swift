import CRM
import Foundation
import GraphQLEngine
import Synchronization

/// A subscription's source: the events of `kinds` after `after:` from the log, then live ones
/// from the bus, each admitted for the subscriber (or skipped). Events are pushed: the bus hands
/// each to the subscription's ``Feed``, which queues it and starts a task to deliver what waits,
/// a task that ends when nothing does — an idle subscription has no task. Subscriptions of the
/// same field and arguments for the same viewer (`share`) admit an event once and share its
/// execution.
struct LiveEvents: SubscriptionEvents {
    let context: RequestContext
    let kinds: Set<DomainEvent.Kind>
    let after: Int64?
    let share: String?
    let admit: SubscriptionResolvers.Admit
    /// Events a subscriber may have waiting before its subscription ends (it resumes with
    /// `after:`).
    static let backlogLimit = 10_000

    func start(deliver: @escaping @Sendable (any Sendable) async -> Void,
               end: @escaping @Sendable ((any Error)?) async -> Void) -> SubscriptionHandle {
        let feed = Feed(source: self, group: share.map { context.services.events.groups.group($0) }, deliver: deliver, end: end)
        Task { await feed.begin() }
        return SubscriptionHandle { feed.stop() }
    }

    /// One subscription between the bus and its subscriber: the events waiting, and whether a
    /// task is delivering them. At most one task delivers at a time, so events arrive in order.
    final class Feed: Sendable {
        let source: LiveEvents
        /// The viewer's identical subscriptions, when they share.
        let group: ShareGroup?
        private let deliver: @Sendable (any Sendable) async -> Void
        private let end: @Sendable ((any Error)?) async -> Void
        private let state = Mutex(State())

        struct State {
            var waiting: [DomainEvent] = []
            var head = 0
            /// A task is delivering (the first one also replays the log).
            var delivering = true
            var stopped = false
            var busID: UUID?
            /// The newest event delivered (or skipped); the log is replayed after it.
            var delivered: Int64 = 0
        }

        init(source: LiveEvents, group: ShareGroup?, deliver: @escaping @Sendable (any Sendable) async -> Void,
             end: @escaping @Sendable ((any Error)?) async -> Void) {
            self.source = source
            self.group = group
            self.deliver = deliver
            self.end = end
        }

        deinit {
            if let id = state.withLock({ $0.busID }) {
                let bus = source.context.services.events
                Task { await bus.unsubscribe(id) }
            }
        }

        /// Follows the bus — live first, so nothing committed while the log is replayed is
        /// missed — checks `after:`, replays the log after it, then delivers what came live.
        func begin() async {
            do {
                _ = try source.context.requireReader()
                if let after = source.after, after < 0 { throw ResolverError("after takes an event id.", code: "BAD_USER_INPUT") }
                let bus = source.context.services.events
                let (id, position) = await bus.subscribe(to: source.kinds) { [weak self] event in self?.receive(event) }
                let stopped = state.withLock { state in
                    state.busID = id
                    state.delivered = source.after ?? position
                    return state.stopped
                }
                if stopped { return await bus.unsubscribe(id) }
                if let after = source.after {
                    guard after <= position else { throw ResolverError("No event \(after) has happened yet.", code: "BAD_USER_INPUT") }
                    // Resuming past the retention window would silently skip what was removed.
                    guard after >= (try await bus.store.expiredThrough()) else {
                        throw ResolverError("The events after \(after) are no longer kept; reload the data and subscribe without after.",
                                            code: "EVENTS_EXPIRED")
                    }
                    try await replay()
                }
                try await deliverWaiting()
            } catch {
                await finish(error)
            }
        }

        /// Stops the feed: nothing more is delivered, and the bus forgets it.
        func stop() {
            let id = state.withLock { state -> UUID? in
                state.stopped = true
                state.waiting = []
                state.head = 0
                defer { state.busID = nil }
                return state.busID
            }
            if let id {
                let bus = source.context.services.events
                Task { await bus.unsubscribe(id) }
            }
        }

        /// An event from the bus (on the bus's task): queued, and a delivering task started when
        /// none runs. A subscriber too far behind ends its subscription.
        private func receive(_ event: DomainEvent) {
            enum Next { case none, deliver, overflow }
            let next = state.withLock { state -> Next in
                guard !state.stopped else { return .none }
                guard state.waiting.count - state.head < LiveEvents.backlogLimit else { return .overflow }
                state.waiting.append(event)
                guard !state.delivering else { return .none }
                state.delivering = true
                return .deliver
            }
            switch next {
            case .none: break
            case .deliver:
                // Of a viewer's identical subscriptions, the first delivers the event before the
                // others start: they then find its admission and execution done.
                if let group, !group.lead(event.id, self) { return }
                let gate = group == nil ? nil : event.id
                Task {
                    do { try await self.deliverWaiting(thenOpen: gate) } catch { await self.finish(error) }
                }
            case .overflow:
                stop()
                Task { await self.end(nil) }
            }
        }

        /// Delivers what waits for feeds that waited at a gate: their event's admission and
        /// execution are done, so a delivery rarely suspends — a few tasks each take a share
        /// of the feeds rather than one task per feed.
        static func resume(_ feeds: [Feed]) async {
            var rest = feeds[...]
            while rest.count > 256 {
                let share = rest.suffix(256)
                rest = rest.dropLast(256)
                Task { for feed in share { await feed.deliverAfterGate() } }
            }
            for feed in rest { await feed.deliverAfterGate() }
        }

        private func deliverAfterGate() async {
            do { try await deliverWaiting() } catch { await finish(error) }
        }

        /// Delivers the waiting events, then lets the next event start another task. The first
        /// event delivered opens the group's gate of event `gate`, if any.
        private func deliverWaiting(thenOpen gate: Int64? = nil) async throws {
            var gate = gate
            defer {
                if let gate, let parked = group?.open(gate) { Task { await Self.resume(parked) } }
            }
            while true {
                let event = state.withLock { state -> DomainEvent? in
                    guard !state.stopped, state.head < state.waiting.count else {
                        // A little room is kept: most events come one at a time.
                        state.waiting.removeAll(keepingCapacity: state.waiting.capacity <= 4)
                        state.head = 0
                        state.delivering = false
                        return nil
                    }
                    state.head += 1
                    return state.waiting[state.head - 1]
                }
                guard let event else { return }
                try await hand(event)
                if let opened = gate {
                    gate = nil
                    await Self.resume(group?.open(opened) ?? [])
                }
            }
        }

        /// The log's events after the last delivered, in batches, until it has no more.
        private func replay() async throws {
            let store = source.context.services.events.store
            while true {
                let batch = try await store.events(after: state.withLock { $0.delivered }, limit: 500)
                for event in batch where source.kinds.contains(event.kind) { try await hand(event) }
                if let last = batch.last { state.withLock { $0.delivered = max($0.delivered, last.id) } }
                if batch.count < 500 || state.withLock({ $0.stopped }) { return }
            }
        }

        /// Admits one event for the subscriber and delivers its root value, unless it was
        /// delivered already (the log and the bus overlap) or is not for this subscriber.
        private func hand(_ event: DomainEvent) async throws {
            let fresh = state.withLock { state -> Bool in
                guard !state.stopped, event.id > state.delivered else { return false }
                state.delivered = event.id
                return true
            }
            guard fresh, let root = try await rootValue(event) else { return }
            await deliver(root)
        }

        private func rootValue(_ event: DomainEvent) async throws -> (any Sendable)? {
            let (context, admit) = (source.context, source.admit)
            guard let share = source.share else { return try Self.rootValue(event, await admit(event, context), shareKey: nil) }
            // The same viewer's identical subscriptions share the admission and the root value,
            // and (``LiveEvent``) the execution too.
            let key = "\(event.id)|\(share)"
            return try await context.services.events.admissions.value(key) {
                do { return .success(Self.rootValue(event, try await admit(event, context), shareKey: key)) } catch { return .failure(error) }
            }.get()
        }

        /// Ends the subscription with the error that stopped it (unless it was stopped).
        private func finish(_ error: any Error) async {
            guard !state.withLock({ $0.stopped }) else { return }
            stop()
            await end(error)
        }

        /// The root value of an admitted payload: the payload with the event's id and time.
        private static func rootValue(_ event: DomainEvent, _ admitted: [String: (any Sendable)?]?, shareKey: String?) -> (any Sendable)? {
            guard var payload = admitted else { return nil }
            payload["eventId"] = String(event.id)
            payload["occurredAt"] = event.occurredAt
            let value = payload.compactMapValues { $0 } as [String: any Sendable]
            return shareKey.map { LiveEvent(shareKey: $0, value: value) as any Sendable } ?? value
        }
    }
}

/// The subscriptions of one viewer with the same field and arguments (one `share` key). They
/// admit an event once, and the first of them to take an event delivers it while the others wait
/// at that event's gate; then it delivers to them. Otherwise all of them would start at once —
/// thousands of tasks for one fan-out — and the one doing the shared admission and execution
/// would queue behind all of them before the first message could leave.
final class ShareGroup: Sendable {
    private let waiting = Mutex<[Int64: [LiveEvents.Feed]]>([:])

    /// True when `feed` is the first at event `id`'s gate (it delivers, then opens it); false
    /// when it waits there (it resumes when the gate opens).
    func lead(_ id: Int64, _ feed: LiveEvents.Feed) -> Bool {
        waiting.withLock { waiting in
            if waiting[id] == nil {
                waiting[id] = []
                return true
            }
            waiting[id]!.append(feed)
            return false
        }
    }

    /// Opens event `id`'s gate: those who waited there, to be resumed.
    func open(_ id: Int64) -> [LiveEvents.Feed] {
        waiting.withLock { $0.removeValue(forKey: id) } ?? []
    }
}

/// The share groups of running subscriptions, by share key; a group lives as long as a
/// subscription holds it.
final class ShareGroups: Sendable {
    private struct Entry {
        weak var group: ShareGroup?
    }
    private let groups = Mutex<(byKey: [String: Entry], pruneAt: Int)>(([:], 64))

    func group(_ key: String) -> ShareGroup {
        groups.withLock { groups in
            if let group = groups.byKey[key]?.group { return group }
            let group = ShareGroup()
            groups.byKey[key] = Entry(group: group)
            if groups.byKey.count >= groups.pruneAt {
                groups.byKey = groups.byKey.filter { $0.value.group != nil }
                groups.pruneAt = max(64, groups.byKey.count * 2)
            }
            return group
        }
    }
}

/// An admitted event for a viewer: subscriptions of the same operation by the same viewer
/// execute it once (``SharedSourceEvent``).
struct LiveEvent: SharedSourceEvent {
    let shareKey: String
    let value: any Sendable
}
