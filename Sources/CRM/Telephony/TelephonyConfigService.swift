import Foundation
import Secrets

/// Changes to a phone line; nil (or `.keep`) leaves a field as it is. `settings` and
/// `credentials` are merge patches: a key set to nil is removed.
public struct PhoneLineChanges: Sendable {
    public var name: String?
    public var number: String?
    public var provider: TelephonyProvider?
    public var enabled: Bool?
    public var queueID: Change<Int64?> = .keep
    /// JSON object text (RFC 7396 merge patch on update).
    public var settings: String?
    public var credentials: [String: String?]?

    public init() {}
}

/// Changes to a call queue; nil (or `.keep`) leaves a field as it is.
public struct CallQueueChanges: Sendable {
    public var name: String?
    public var memberIDs: [Int64]?
    public var ringTimeoutSeconds: Int?
    public var callbackAssigneeID: Change<Int64?> = .keep

    public init() {}
}

/// Phone lines and call queues, which admins set up: a line's number is a real number and no
/// other live line's, its queue live, its secrets sealed (only their names are kept in the clear);
/// a queue's members and call-back assignee are live users, listed once; a queue a live line
/// uses cannot be deleted.
public struct TelephonyConfigService: Sendable {
    public let store: any TelephonyStore
    public let identity: any IdentityStore
    public let secrets: SecretBox
    public let clock: any WallClock

    public init(store: any TelephonyStore, identity: any IdentityStore, secrets: SecretBox, clock: any WallClock = SystemClock()) {
        self.store = store
        self.identity = identity
        self.secrets = secrets
        self.clock = clock
    }

    public struct LineOutcome: Sendable {
        public let line: PhoneLine?
        public let userErrors: [UserError]
    }

    public struct QueueOutcome: Sendable {
        public let queue: CallQueue?
        public let userErrors: [UserError]
    }

    static let adminOnly = "Only admins change phone lines and call queues."

    // MARK: Lines

    public func createLine(_ viewer: Viewer, _ changes: PhoneLineChanges) async throws -> LineOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        var errors = Errors()
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        if changes.number == nil { errors.add(["number"], "Enter the number callers dial.", "REQUIRED") }
        if changes.provider == nil { errors.add(["provider"], "Choose the provider.", "REQUIRED") }
        let line = try await apply(changes, to: PhoneLine(name: "", number: "", provider: changes.provider ?? .generic), &errors)
        guard errors.list.isEmpty else { return LineOutcome(line: nil, userErrors: errors.list) }
        return LineOutcome(line: try await store.insertLine(line, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func updateLine(_ viewer: Viewer, id: Int64, version: Int, _ changes: PhoneLineChanges) async throws -> LineOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.lines(ids: [id]).first else { throw DomainError.notFound("No such phone line.") }
        var errors = Errors()
        let next = try await apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return LineOutcome(line: current, userErrors: errors.list) }
        return try await writeLine(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setLineDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> LineOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.lines(ids: [id]).first else { throw DomainError.notFound("No such phone line.") }
        guard (current.deletedAt != nil) != deleted else { return LineOutcome(line: current, userErrors: []) }
        if !deleted, try await liveLine(number: current.number, except: id) != nil {
            return LineOutcome(line: current, userErrors: [UserError(field: ["input", "id"],
                message: "Another live line has this number now.", code: "TAKEN")])
        }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await writeLine(current, next, version: version,
                                   extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    /// The secrets of a line, opened (for the webhook check and the PBX's API).
    public func credentials(of line: PhoneLine) throws -> [String: String] {
        try line.credentials.open(secrets)
    }

    private func writeLine(_ current: PhoneLine, _ next: PhoneLine, version: Int?, extra: [FieldEdit], viewer: Viewer) async throws -> LineOutcome {
        let edits = Self.lineEdits(current, next) + extra
        let (line, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                             noun: "phone line", version: \.version) {
            try await store.updateLine(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return LineOutcome(line: line, userErrors: errors)
    }

    private func apply(_ changes: PhoneLineChanges, to start: PhoneLine, _ errors: inout Errors) async throws -> PhoneLine {
        var line = start
        if let name = changes.name {
            line.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if line.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if let text = changes.number {
            switch Result(catching: { () throws(PhoneNumber.Invalid) in try PhoneNumber(text) }) {
            case .success(let number):
                line.number = number.e164
                if try await liveLine(number: line.number, except: start.id) != nil {
                    errors.add(["number"], "Another line has this number.", "TAKEN")
                }
            case .failure(let invalid):
                errors.add(["number"], invalid.message, invalid.code)
            }
        }
        if let provider = changes.provider { line.provider = provider }
        if let enabled = changes.enabled { line.enabled = enabled }
        if case .set(let queueID) = changes.queueID {
            if let queueID, try await store.queues(ids: [queueID]).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["queueId"], "No such call queue.", "NOT_FOUND")
            }
            line.queueID = queueID
        }
        if let settings = changes.settings {
            line.settings = start.id == 0 ? JSONMergePatch.apply(settings, to: "{}") : JSONMergePatch.apply(settings, to: start.settings)
        }
        if let patch = changes.credentials {
            line.credentials = try start.credentials.merging(patch, box: secrets, field: "credentials", &errors)
        }
        return line
    }

    private func liveLine(number: String, except id: Int64) async throws -> PhoneLine? {
        try await store.lines(providers: nil, deleted: .exclude).first { $0.number == number && $0.id != id }
    }

    static func lineEdits(_ a: PhoneLine, _ b: PhoneLine) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func add(_ name: String, _ old: String?, _ new: String?) {
            if old != new { edits.append(FieldEdit(name, old: old, new: new)) }
        }
        add("name", FieldEdit.json(a.name), FieldEdit.json(b.name))
        add("number", FieldEdit.json(a.number), FieldEdit.json(b.number))
        add("provider", FieldEdit.json(a.provider.rawValue), FieldEdit.json(b.provider.rawValue))
        add("enabled", String(a.enabled), String(b.enabled))
        add("queueId", FieldEdit.json(a.queueID), FieldEdit.json(b.queueID))
        add("settings", a.settings, b.settings)
        return edits + SealedCredentials.edits(a.credentials, b.credentials)
    }

    // MARK: Queues

    public func createQueue(_ viewer: Viewer, _ changes: CallQueueChanges) async throws -> QueueOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        var errors = Errors()
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        let queue = try await apply(changes, to: CallQueue(name: ""), &errors)
        guard errors.list.isEmpty else { return QueueOutcome(queue: nil, userErrors: errors.list) }
        return QueueOutcome(queue: try await store.insertQueue(queue, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func updateQueue(_ viewer: Viewer, id: Int64, version: Int, _ changes: CallQueueChanges) async throws -> QueueOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.queues(ids: [id]).first else { throw DomainError.notFound("No such call queue.") }
        var errors = Errors()
        let next = try await apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return QueueOutcome(queue: current, userErrors: errors.list) }
        return try await writeQueue(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setQueueDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> QueueOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.queues(ids: [id]).first else { throw DomainError.notFound("No such call queue.") }
        guard (current.deletedAt != nil) != deleted else { return QueueOutcome(queue: current, userErrors: []) }
        if deleted, let line = try await store.lines(providers: nil, deleted: .exclude).first(where: { $0.queueID == id }) {
            return QueueOutcome(queue: current, userErrors: [UserError(field: ["input", "id"],
                message: "The line «\(line.name)» uses this queue: give it another queue first.", code: "IN_USE")])
        }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await writeQueue(current, next, version: version,
                                    extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func writeQueue(_ current: CallQueue, _ next: CallQueue, version: Int?, extra: [FieldEdit], viewer: Viewer) async throws -> QueueOutcome {
        let edits = Self.queueEdits(current, next) + extra
        let (queue, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                              noun: "call queue", version: \.version) {
            try await store.updateQueue(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return QueueOutcome(queue: queue, userErrors: errors)
    }

    private func apply(_ changes: CallQueueChanges, to start: CallQueue, _ errors: inout Errors) async throws -> CallQueue {
        var queue = start
        if let name = changes.name {
            queue.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if queue.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if queue.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if let members = changes.memberIDs {
            if Set(members).count != members.count { errors.add(["memberIds"], "List each operator once.", "INVALID") }
            else if members.count > 200 { errors.add(["memberIds"], "At most 200 operators.", "TOO_LONG") }
            let live = Set(try await identity.users(ids: members).filter { $0.deletedAt == nil }.map(\.id))
            if let missing = members.firstIndex(where: { !live.contains($0) }) {
                errors.add(["memberIds", String(missing)], "No such user.", "NOT_FOUND")
            }
            queue.memberIDs = members
        }
        if let timeout = changes.ringTimeoutSeconds {
            if !(5...600).contains(timeout) { errors.add(["ringTimeoutSeconds"], "A call rings 5 to 600 seconds at one operator.", "OUT_OF_RANGE") }
            queue.ringTimeoutSeconds = timeout
        }
        if case .set(let assignee) = changes.callbackAssigneeID {
            if let assignee, try await identity.user(id: assignee).map({ $0.deletedAt == nil }) != true {
                errors.add(["callbackAssigneeId"], "No such user.", "NOT_FOUND")
            }
            queue.callbackAssigneeID = assignee
        }
        return queue
    }

    static func queueEdits(_ a: CallQueue, _ b: CallQueue) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func add(_ name: String, _ old: String?, _ new: String?) {
            if old != new { edits.append(FieldEdit(name, old: old, new: new)) }
        }
        add("name", FieldEdit.json(a.name), FieldEdit.json(b.name))
        add("memberIds", "[" + a.memberIDs.map(String.init).joined(separator: ",") + "]", "[" + b.memberIDs.map(String.init).joined(separator: ",") + "]")
        add("ringTimeoutSeconds", String(a.ringTimeoutSeconds), String(b.ringTimeoutSeconds))
        add("callbackAssigneeId", FieldEdit.json(a.callbackAssigneeID), FieldEdit.json(b.callbackAssigneeID))
        return edits
    }
}
