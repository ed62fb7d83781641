import CRM
import Foundation
import GraphQLEngine

/// A subscription's source: the events of `kinds` after `after:` from the log, then live ones
/// from the bus, each admitted for the subscriber (or skipped). It does its work in `next()`, in
/// the subscriber's own task: an event goes from the bus to the socket without another task or
/// buffer in between. Subscriptions of the same field and arguments for the same viewer
/// (`share`) admit an event once and share its execution.
struct LiveEvents: AsyncSequence, Sendable {
    typealias Element = any Sendable
    let context: RequestContext
    let kinds: Set<DomainEvent.Kind>
    let after: Int64?
    let share: String?
    let admit: SubscriptionResolvers.Admit

    func makeAsyncIterator() -> Iterator { Iterator(source: self) }

    /// The bus subscription of one iteration, ended when the iteration is dropped.
    final class BusSubscription: Sendable {
        let bus: EventBus
        let id: UUID
        init(bus: EventBus, id: UUID) {
            self.bus = bus
            self.id = id
        }
        deinit {
            let (bus, id) = (bus, id)
            Task { await bus.unsubscribe(id) }
        }
    }

    /// A class: the engine keeps it in an existential and copies it on every event.
    final class Iterator: AsyncIteratorProtocol {
        let source: LiveEvents
        private var subscription: BusSubscription?
        private var live: AsyncStream<DomainEvent>.Iterator?
        /// The newest event handed to `admit` (or skipped); the log is read after it.
        private var delivered: Int64 = 0
        /// Events read from the log and not yet handed, newest first; `replaying` until the last
        /// batch of the log has been read.
        private var missed: [DomainEvent] = []
        private var replaying = false

        init(source: LiveEvents) {
            self.source = source
        }

        func next() async throws -> (any Sendable)? {
            if live == nil { try await start() }
            while !Task.isCancelled {
                let event: DomainEvent
                if replaying || !missed.isEmpty {
                    if missed.isEmpty {
                        missed = try await source.context.services.events.store.events(after: delivered, limit: 500).reversed()
                        if missed.count < 500 { replaying = false }
                    }
                    guard let oldest = missed.popLast() else { continue }
                    event = oldest
                } else {
                    guard let next = await live?.next() else { return nil }
                    event = next
                }
                if let payload = try await hand(event) { return payload }
            }
            return nil
        }

        /// Follows the bus — live first, so nothing committed while the log is replayed is missed —
        /// and checks `after:`.
        private func start() async throws {
            _ = try source.context.requireReader()
            if let after = source.after, after < 0 { throw ResolverError("after takes an event id.", code: "BAD_USER_INPUT") }
            let bus = source.context.services.events
            let (id, stream, position) = await bus.subscribe()
            subscription = BusSubscription(bus: bus, id: id)
            live = stream.makeAsyncIterator()
            delivered = source.after ?? position
            if let after = source.after {
                guard after <= position else { throw ResolverError("No event \(after) has happened yet.", code: "BAD_USER_INPUT") }
                // Resuming past the retention window would silently skip what was removed.
                guard after >= (try await bus.store.expiredThrough()) else {
                    throw ResolverError("The events after \(after) are no longer kept; reload the data and subscribe without after.",
                                        code: "EVENTS_EXPIRED")
                }
                replaying = true
            }
        }

        /// The subscription's root value for an event, or nil when it is not for this subscriber.
        private func hand(_ event: DomainEvent) async throws -> (any Sendable)? {
            guard event.id > delivered else { return nil }
            delivered = event.id
            guard source.kinds.contains(event.kind) else { return nil }
            let (context, admit) = (source.context, source.admit)
            guard let share = source.share else { return try await Self.rootValue(event, admit(event, context), shareKey: nil) }
            // The same viewer's identical subscriptions share the admission and the root value,
            // and (``LiveEvent``) the execution too.
            let key = "\(event.id)|\(share)"
            return try await context.services.events.admissions.value(key) {
                do { return .success(Self.rootValue(event, try await admit(event, context), shareKey: key)) } catch { return .failure(error) }
            }.get()
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

/// An admitted event for a viewer: subscriptions of the same operation by the same viewer
/// execute it once (``SharedSourceEvent``).
struct LiveEvent: SharedSourceEvent {
    let shareKey: String
    let value: any Sendable
}
