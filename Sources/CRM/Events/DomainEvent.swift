import Foundation

/// Something that happened, as the outbox recorded it in the transaction of the change: its
/// kind, the record it is about, and what a subscriber needs beyond the record as it is now.
public struct DomainEvent: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case callIncoming = "call_incoming", callUpdated = "call_updated", messageReceived = "message_received"
        case messageStatusChanged = "message_status_changed", dialogueAssigned = "dialogue_assigned", dealChanged = "deal_changed"
        case presenceChanged = "presence_changed", slaWarning = "sla_warning", slaBreached = "sla_breached", taskDue = "task_due"
        case inquiryChanged = "inquiry_changed"
        /// A session ended or an API token was revoked: connections opened with it close.
        case credentialsRevoked = "credentials_revoked"
    }

    /// Increasing: the order of commits.
    public let id: Int64
    public let kind: Kind
    public let recordID: Int64
    /// JSON object text.
    public let detail: String
    public let occurredAt: Date

    public init(id: Int64, kind: Kind, recordID: Int64, detail: String, occurredAt: Date) {
        self.id = id
        self.kind = kind
        self.recordID = recordID
        self.detail = detail
        self.occurredAt = occurredAt
    }

    /// The detail as a dictionary.
    public var details: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(detail.utf8))) as? [String: Any] ?? [:]
    }

    /// A number of the detail.
    public func id(_ key: String) -> Int64? { (details[key] as? NSNumber)?.int64Value }

    /// A text of the detail.
    public func text(_ key: String) -> String? { details[key] as? String }
}

/// The event log the outbox writes.
public protocol EventStore: Sendable {
    /// Events after `id`, oldest first, at most `limit`.
    func events(after id: Int64, limit: Int) async throws -> [DomainEvent]
    /// The id of the newest event (0 when none).
    func latestEventID() async throws -> Int64
    /// The id up to which events are no longer kept (removed by the retention window); 0 when
    /// none was removed.
    func expiredThrough() async throws -> Int64
    /// Removes events older than `date` (the retention window).
    func deleteEvents(before date: Date) async throws
    /// Calls `wake` after each write this process commits that added events; only a signal, so
    /// it must return at once.
    func onCommit(_ wake: @escaping @Sendable () -> Void)
    /// The fields a record's version changed, with the actor, from its history.
    func changes(entity: String, id: Int64, version: Int) async throws -> (fields: [String], actor: Actor?)
}
