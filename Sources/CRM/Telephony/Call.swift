import Foundation

/// A phone call, kept from its PBX's events.
public struct Call: Equatable, Sendable {
    public enum Direction: String, Sendable, CaseIterable { case incoming, outgoing, `internal` }
    public enum Status: String, Sendable, CaseIterable { case ringing, answered, missed, ended, failed }

    public var id: Int64
    public var state: CallState
    /// Whether the recording is stored here (and so can be served).
    public var hasRecording: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, state: CallState, hasRecording: Bool = false, createdAt: Date, updatedAt: Date, createdBy: Int64?, version: Int,
                deletedAt: Date?) {
        self.id = id
        self.state = state
        self.hasRecording = hasRecording
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// Talk time in seconds: null until it ends, 0 if unanswered.
    public var durationSeconds: Int? { state.durationSeconds }

    /// Seconds from start until answer (or end, if unanswered); nil while ringing.
    public var waitSeconds: Int? {
        guard let until = state.answeredAt ?? state.endedAt else { return nil }
        return max(0, Int(until.timeIntervalSince(state.startedAt).rounded()))
    }

    /// The outside party's number: the caller of an incoming call, the callee of an outgoing one.
    public var outsideNumber: String? {
        switch state.direction {
        case .incoming: state.from
        case .outgoing: state.to
        case .internal: nil
        }
    }
}

/// What a call is: everything its events and its links set.
public struct CallState: Equatable, Sendable {
    public var direction: Call.Direction
    public var status: Call.Status
    /// E.164.
    public var from: String?
    public var to: String?
    public var fromExtension: String?
    public var toExtension: String?
    public var lineID: Int64?
    public var queueID: Int64?
    public var routedToID: Int64?
    public var userID: Int64?
    public var clientID: Int64?
    public var contactID: Int64?
    public var startedAt: Date
    public var answeredAt: Date?
    public var endedAt: Date?
    public var durationSeconds: Int?
    /// Where the provider keeps the recording.
    public var recordingSourceURL: String?
    public var provider: TelephonyProvider
    public var providerCallID: String
    /// The provider's id of the call's newest leg, for providers whose commands name legs.
    public var providerLegID: String?
    public var failureReason: String?
    public var callbackTaskID: Int64?

    public init(direction: Call.Direction, status: Call.Status = .ringing, from: String? = nil, to: String? = nil,
                fromExtension: String? = nil, toExtension: String? = nil, lineID: Int64? = nil, queueID: Int64? = nil,
                routedToID: Int64? = nil, userID: Int64? = nil, clientID: Int64? = nil, contactID: Int64? = nil, startedAt: Date,
                answeredAt: Date? = nil, endedAt: Date? = nil, durationSeconds: Int? = nil, recordingSourceURL: String? = nil,
                provider: TelephonyProvider, providerCallID: String, providerLegID: String? = nil, failureReason: String? = nil,
                callbackTaskID: Int64? = nil) {
        self.direction = direction
        self.status = status
        self.from = from
        self.to = to
        self.fromExtension = fromExtension
        self.toExtension = toExtension
        self.lineID = lineID
        self.queueID = queueID
        self.routedToID = routedToID
        self.userID = userID
        self.clientID = clientID
        self.contactID = contactID
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.recordingSourceURL = recordingSourceURL
        self.provider = provider
        self.providerCallID = providerCallID
        self.providerLegID = providerLegID
        self.failureReason = failureReason
        self.callbackTaskID = callbackTaskID
    }

    /// Whether the call is over (missed, ended or failed).
    public var isFinished: Bool { status == .missed || status == .ended || status == .failed }
}

/// Filter, order and page of a call list.
public struct CallQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case startedAt, duration }

    /// Digits of a number in either party (any notation, matched as a substring of the digits).
    public var numberDigits: String?
    public var directions: [Call.Direction]?
    public var statuses: [Call.Status]?
    public var userIDs: [Int64]?
    public var clientIDs: [Int64]?
    public var contactIDs: [Int64]?
    public var lineIDs: [Int64]?
    public var queueIDs: [Int64]?
    /// Started in `[startedFrom, startedTo)`.
    public var startedFrom: Date?
    public var startedTo: Date?
    public var hasRecording: Bool?
    /// Only the calls whose call-back tasks these are.
    public var callbackTaskIDs: [Int64]?
    public var order: Order = .startedAt
    public var page = PageRequest()

    public init() {}
}

/// What telephony needs from storage. A call is seen by whoever took it or had it routed to
/// them, by whoever sees its client, and — while it belongs to no one and no client — by everyone
/// who reads (an unknown caller nobody took is the whole team's business).
public protocol TelephonyStore: Sendable {
    func lines(ids: [Int64]) async throws -> [PhoneLine]
    func lines(providers: [TelephonyProvider]?, deleted: DeletedFilter) async throws -> [PhoneLine]
    func insertLine(_ line: PhoneLine, createdBy: Int64?, at: Date) async throws -> PhoneLine
    func updateLine(_ line: PhoneLine, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<PhoneLine>

    func queues(ids: [Int64]) async throws -> [CallQueue]
    func queues(text: String?, deleted: DeletedFilter) async throws -> [CallQueue]
    func insertQueue(_ queue: CallQueue, createdBy: Int64?, at: Date) async throws -> CallQueue
    func updateQueue(_ queue: CallQueue, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<CallQueue>
    /// Records that `memberID` got the queue's latest call (round robin), without a new version.
    func advanceQueue(id: Int64, to memberID: Int64) async throws

    func calls(ids: [Int64], visibility: Visibility) async throws -> [Call]
    func calls(_ query: CallQuery, visibility: Visibility) async throws -> Page<Call>
    func call(provider: TelephonyProvider, providerCallID: String) async throws -> Call?
    /// The client and contact whose phone has these digits (a contact's own number first).
    func party(phoneDigits: String) async throws -> (clientID: Int64?, contactID: Int64?)
    /// Inserts a call, and with it its call-back task when given (linked); nil when a call with
    /// the same provider id exists already (a concurrent delivery).
    func insertCall(_ state: CallState, callbackTask: TaskFields?, at: Date) async throws -> Call?
    /// Writes the call (and inserts its call-back task when given) if its version is still `expectedVersion`.
    func updateCall(id: Int64, expectedVersion: Int, state: CallState, callbackTask: TaskFields?, edits: [FieldEdit], actor: Actor,
                    at: Date) async throws -> VersionedWrite<Call>
    /// Those of the users who are talking on a call now.
    func usersOnCall(_ userIDs: [Int64]) async throws -> Set<Int64>
    /// Keeps a call's recording (stored once per SHA-256).
    func storeRecording(callID: Int64, data: [UInt8], contentType: String) async throws
    /// The recording of a call, when stored.
    func recording(callID: Int64) async throws -> (data: [UInt8], contentType: String)?
}
