import Foundation
import Secrets

/// Calls: kept from the PBX's events (``record(_:line:)``), linked to a client by users, and
/// their recordings served to those who see the call. A new incoming call is matched to the
/// client and contact whose phone it comes from and rings for the client's owner, else the line's
/// queue in turn (skipping operators on a call); a missed one gets a call-back task — for the
/// client's owner, else the queue's call-back assignee, else the operator it rang for, else the
/// queue's next operator — written in the same transaction as the call.
public struct CallService: Sendable {
    public let store: any TelephonyStore
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let identity: any IdentityStore
    /// The PBX's API for call control; nil where none is connected.
    public let control: (any PBXControl)?
    /// Opens the lines' credentials for the PBX's API.
    public let secrets: SecretBox
    public let clock: any WallClock

    public init(store: any TelephonyStore, clients: any ClientStore, contacts: any ContactStore, identity: any IdentityStore,
                control: (any PBXControl)? = nil, secrets: SecretBox, clock: any WallClock = SystemClock()) {
        self.control = control
        self.secrets = secrets
        self.store = store
        self.clients = clients
        self.contacts = contacts
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let call: Call?
        public let userErrors: [UserError]
    }

    /// What an event did: the call as it is now, and whether the event changed it (a repeated
    /// or late event does not).
    public struct Recorded: Sendable {
        public let call: Call
        public let changed: Bool
        /// The extension of the user an incoming call is routed to, for PBXs that let the
        /// webhook's answer steer the call.
        public let routedExtension: String?
    }

    /// How long after a missed call its call-back is due.
    public static let callbackDelay: TimeInterval = 30 * 60

    /// Applies a PBX event to its call, creating the call on its first event.
    public func record(_ event: CallEvent, line: PhoneLine?) async throws -> Recorded {
        let users = try await identity.allUsers().filter { $0.deletedAt == nil }
        func user(at extensionNumber: String?) -> Int64? {
            guard let ext = CallProgress.trimmed(extensionNumber) else { return nil }
            return users.first { $0.extensionNumber == ext }?.id
        }
        let userID = user(at: event.userExtension ?? (event.direction == .incoming ? event.toExtension : event.fromExtension))
        // A concurrent delivery of the same call may win a race: read again and apply on top.
        for _ in 0..<3 {
            let existing = try await store.call(provider: event.provider, providerCallID: event.providerCallID)
            var base = existing?.state ?? CallProgress.start(event, lineID: line?.id, queueID: line?.queueID)
            if existing == nil, let digits = base.direction == .outgoing ? base.to : base.from {
                (base.clientID, base.contactID) = try await store.party(phoneDigits: String(digits.dropFirst()))
            }
            let next = CallProgress.apply(event, to: base, userID: userID)
            func recorded(_ call: Call, changed: Bool) -> Recorded {
                let routed = call.state.routedToID.flatMap { id in users.first { $0.id == id }?.extensionNumber }
                return Recorded(call: call, changed: changed, routedExtension: routed)
            }
            if let existing, next == nil { return recorded(existing, changed: false) }
            var state = next ?? base
            if existing == nil, state.direction == .incoming, state.status == .ringing, state.routedToID == nil {
                state.routedToID = try await route(state, users: users)
            }
            let task = CallProgress.justMissed(from: existing?.state, to: state) ? try await callbackTask(for: state, users: users) : nil
            if let existing {
                let edits = Self.edits(existing.state, state)
                switch try await store.updateCall(id: existing.id, expectedVersion: existing.version, state: state, callbackTask: task,
                                                  edits: edits, actor: .system, at: clock.now()) {
                case .written(let call): return recorded(call, changed: true)
                case .stale, .notFound: continue
                }
            } else if let call = try await store.insertCall(state, callbackTask: task, at: clock.now()) {
                return recorded(call, changed: true)
            }
        }
        throw DomainError.conflict("The call \(event.providerCallID) keeps changing; try the event again.")
    }

    /// Links a call to a client and contact (a contact brings its client).
    public func update(_ viewer: Viewer, id: Int64, version: Int, clientID: Change<Int64?>, contactID: Change<Int64?>) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let current = try await store.calls(ids: [id], visibility: visibility).first else { throw DomainError.notFound("No such call.") }
        var errors = Errors()
        var state = current.state
        if case .set(let client) = clientID {
            if let client, try await clients.clients(ids: [client], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["clientId"], "No such client.", "NOT_FOUND")
            }
            state.clientID = client
            if case .keep = contactID, client != current.state.clientID { state.contactID = nil }
        }
        if case .set(let contactID) = contactID {
            if let contactID {
                if let contact = try await contacts.contacts(ids: [contactID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    switch clientID {
                    case .set(let client?) where contact.fields.clientID != client:
                        errors.add(["contactId"], "This contact does not belong to the client.", "INVALID")
                    case .set(.some):
                        break
                    default:
                        // A contact brings its client.
                        state.clientID = contact.fields.clientID ?? state.clientID
                    }
                } else {
                    errors.add(["contactId"], "No such contact.", "NOT_FOUND")
                }
            }
            state.contactID = contactID
        }
        guard errors.list.isEmpty else { return Outcome(call: current, userErrors: errors.list) }
        let edits = Self.edits(current.state, state)
        let (call, userErrors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                 noun: "call", version: \.version) {
            try await store.updateCall(id: id, expectedVersion: version, state: state, callbackTask: nil, edits: edits, actor: Actor(viewer),
                                       at: clock.now())
        }
        return Outcome(call: call, userErrors: userErrors)
    }

    /// The recording of a call the viewer sees; NOT_FOUND when the call is not visible or has none.
    public func recording(_ viewer: Viewer, callID: Int64) async throws -> (data: [UInt8], contentType: String) {
        guard viewer.canRead else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to listen to recordings.") : DomainError.forbidden("This token has no read scope.")
        }
        let visibility = try await Visibility.of(viewer, store: identity)
        guard try await store.calls(ids: [callID], visibility: visibility).first != nil,
              let recording = try await store.recording(callID: callID) else { throw DomainError.notFound("No such recording.") }
        return recording
    }

    /// Who a new incoming call rings for: the client's owner when online and available; else the
    /// line's queue in turn among online, available operators not already on a call; nobody (the
    /// call will be missed) when no one can take it.
    func route(_ call: CallState, users: [User]) async throws -> Int64? {
        let live = Set(users.filter(\.isAvailable).map(\.id))
        if let clientID = call.clientID, let owner = try await clients.clients(ids: [clientID], visibility: .all).first?.fields.ownerID,
           live.contains(owner) {
            return owner
        }
        guard let queueID = call.queueID, let queue = try await store.queues(ids: [queueID]).first else { return nil }
        let candidates = queue.roundRobinOrder.filter(live.contains)
        let busy = try await store.usersOnCall(candidates)
        guard let next = candidates.first(where: { !busy.contains($0) }) else { return nil }
        try await store.advanceQueue(id: queueID, to: next)
        return next
    }

    /// The call-back task of a just missed call, in the assignee's language.
    func callbackTask(for call: CallState, users: [User]) async throws -> TaskFields {
        var assignee: Int64?
        if let clientID = call.clientID, let owner = try await clients.clients(ids: [clientID], visibility: .all).first?.fields.ownerID,
           users.contains(where: { $0.id == owner }) {
            assignee = owner
        }
        if assignee == nil, let queueID = call.queueID, let queue = try await store.queues(ids: [queueID]).first {
            if let callback = queue.callbackAssigneeID, users.contains(where: { $0.id == callback }) {
                assignee = callback
            } else if let routed = call.routedToID, users.contains(where: { $0.id == routed }) {
                // The operator it rang for calls back.
                assignee = routed
            } else if let next = queue.roundRobinOrder.first(where: { id in users.contains { $0.id == id } }) {
                assignee = next
                try await store.advanceQueue(id: queueID, to: next)
            }
        }
        var party = call.from.flatMap { try? PhoneNumber($0) }?.description ?? "—"
        if let clientID = call.clientID, let client = try await clients.clients(ids: [clientID], visibility: .all).first {
            party = "\(client.fields.name) (\(party))"
        }
        let russian = users.first { $0.id == assignee }?.locale.lowercased().hasPrefix("ru") ?? true
        let at = call.endedAt ?? call.startedAt
        return TaskFields(title: russian ? "Перезвонить: \(party)" : "Call back \(party)",
                          description: russian ? "Пропущенный звонок \(RFC3339.format(call.startedAt))." : "Missed call at \(RFC3339.format(call.startedAt)).",
                          kind: .callBack, priority: .high, assigneeID: assignee, schedule: .dueAt(at.addingTimeInterval(Self.callbackDelay)),
                          clientID: call.clientID, contactID: call.contactID)
    }

    static func edits(_ a: CallState, _ b: CallState) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func id(_ name: String, _ old: Int64?, _ new: Int64?) {
            if old != new { edits.append(FieldEdit(name, old: FieldEdit.json(old), new: FieldEdit.json(new))) }
        }
        if a.status != b.status { edits.append(FieldEdit("status", old: FieldEdit.json(a.status.rawValue), new: FieldEdit.json(b.status.rawValue))) }
        id("userId", a.userID, b.userID)
        id("clientId", a.clientID, b.clientID)
        id("contactId", a.contactID, b.contactID)
        return edits
    }
}
