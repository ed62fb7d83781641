import Foundation

/// One event of a call as a PBX reports it, in any provider's format once translated.
public struct CallEvent: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case ringing, answered, ended, failed }

    public var kind: Kind
    public var provider: TelephonyProvider
    /// The provider's id of the call: events with the same id are about the same call.
    public var providerCallID: String
    public var direction: Call.Direction
    /// Numbers as the provider wrote them (any notation); nil when withheld.
    public var from: String?
    public var to: String?
    public var fromExtension: String?
    public var toExtension: String?
    /// The extension that answered (or that an outgoing call was made from).
    public var userExtension: String?
    public var at: Date
    /// Talk time the provider measured, on `ended`.
    public var durationSeconds: Int?
    /// Whether the provider says the call was answered, on `ended` (when it says so).
    public var answered: Bool?
    public var recordingURL: String?
    public var failureReason: String?
    /// The provider's id of the leg the event is about, when its API's commands name legs
    /// rather than calls (Mango Office's `call_id`).
    public var providerLegID: String?

    public init(kind: Kind, provider: TelephonyProvider, providerCallID: String, direction: Call.Direction, from: String? = nil,
                to: String? = nil, fromExtension: String? = nil, toExtension: String? = nil, userExtension: String? = nil, at: Date,
                durationSeconds: Int? = nil, answered: Bool? = nil, recordingURL: String? = nil, failureReason: String? = nil,
                providerLegID: String? = nil) {
        self.kind = kind
        self.provider = provider
        self.providerCallID = providerCallID
        self.direction = direction
        self.from = from
        self.to = to
        self.fromExtension = fromExtension
        self.toExtension = toExtension
        self.userExtension = userExtension
        self.at = at
        self.durationSeconds = durationSeconds
        self.answered = answered
        self.recordingURL = recordingURL
        self.failureReason = failureReason
        self.providerLegID = providerLegID
    }
}

/// How events move a call: ringing → answered → ended; ringing → missed (ended unanswered);
/// failed. Events only move a call forward — one that arrives again or late (an `answered` after
/// `ended`) changes nothing, except that a late `ended` may still bring the duration or the
/// recording — so a repeated delivery is harmless.
public enum CallProgress {
    /// A new call from its first event (whatever kind it is), before the event is applied.
    public static func start(_ event: CallEvent, lineID: Int64?, queueID: Int64?) -> CallState {
        CallState(direction: event.direction, status: .ringing, from: number(event.from), to: number(event.to),
                  fromExtension: trimmed(event.fromExtension), toExtension: trimmed(event.toExtension), lineID: lineID,
                  queueID: event.direction == .incoming ? queueID : nil, startedAt: event.at, provider: event.provider,
                  providerCallID: event.providerCallID)
    }

    /// The call after the event, or nil when the event changes nothing. `userID` is the user at
    /// the event's extension, if any.
    public static func apply(_ event: CallEvent, to current: CallState, userID: Int64?) -> CallState? {
        var next = current
        // The newest leg of a call still going on is the one call control names.
        if !current.isFinished, let leg = trimmed(event.providerLegID) { next.providerLegID = leg }
        switch event.kind {
        case .ringing:
            if current.status == .ringing, next.userID == nil, current.direction != .incoming { next.userID = userID }
        case .answered:
            guard current.status == .ringing else { break }
            next.status = .answered
            next.answeredAt = max(event.at, current.startedAt)
            next.userID = userID ?? current.userID
            if current.direction == .incoming, next.toExtension == nil { next.toExtension = trimmed(event.userExtension) }
        case .ended:
            if !current.isFinished {
                let at = max(event.at, current.startedAt)
                let answered = current.answeredAt != nil || event.answered == true || (event.durationSeconds ?? 0) > 0
                next.endedAt = at
                if answered {
                    next.status = .ended
                    // A provider that reports only the end says the talk time; the answer is then that long before.
                    next.answeredAt = current.answeredAt ?? at.addingTimeInterval(-Double(max(0, event.durationSeconds ?? 0)))
                    next.durationSeconds = event.durationSeconds ?? max(0, Int(at.timeIntervalSince(next.answeredAt ?? at).rounded()))
                    next.userID = current.userID ?? userID
                } else {
                    next.status = .missed
                    next.durationSeconds = 0
                }
            } else if current.status == .ended, current.durationSeconds == nil || current.durationSeconds == 0, let duration = event.durationSeconds {
                next.durationSeconds = max(0, duration)
            }
            if next.recordingSourceURL == nil, let url = trimmed(event.recordingURL) { next.recordingSourceURL = url }
        case .failed:
            guard !current.isFinished else { break }
            next.status = .failed
            next.endedAt = max(event.at, current.startedAt)
            next.durationSeconds = 0
            next.failureReason = trimmed(event.failureReason) ?? "The provider reported a failure."
        }
        return next == current ? nil : next
    }

    /// Whether the change is an incoming call just missed: the moment a call-back is due.
    public static func justMissed(from current: CallState?, to next: CallState) -> Bool {
        next.direction == .incoming && next.status == .missed && current?.status != .missed && next.callbackTaskID == nil
    }

    /// A number in E.164, or nil when withheld or not a phone number.
    static func number(_ text: String?) -> String? {
        guard let text = trimmed(text) else { return nil }
        return (try? PhoneNumber(text))?.e164
    }

    static func trimmed(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
