import Foundation

/// Writing notes: on a record the viewer sees; changed or deleted by their author or an admin;
/// versioned with history like every record.
public struct NoteService: Sendable {
    public let notes: any NoteStore
    public let subjects: SubjectLookup
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(notes: any NoteStore, subjects: SubjectLookup, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.notes = notes
        self.subjects = subjects
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let note: Note?
        public let userErrors: [UserError]
    }

    /// The longest note body, in characters.
    public static let maximumLength = 20_000

    public func create(_ viewer: Viewer, subject: Subject, body: String, pinned: Bool) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        let text = checkedBody(body, &errors)
        let clientID = try await subjects.clientID(of: subject, visibility: visibility, userID: viewer.user?.id)
        if clientID == nil { errors.add(["subject"], "No such record.", "NOT_FOUND") }
        guard errors.list.isEmpty, let clientID else { return Outcome(note: nil, userErrors: errors.list) }
        let note = try await notes.insertNote(subject: subject, clientID: clientID.value, body: text, pinned: pinned,
                                              createdBy: viewer.user?.id, at: clock.now())
        return Outcome(note: note, userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, body: String?, pinned: Bool?) async throws -> Outcome {
        let current = try await editableNote(viewer, id)
        var errors = Errors()
        let text = body.map { checkedBody($0, &errors) } ?? current.body
        guard errors.list.isEmpty else { return Outcome(note: current, userErrors: errors.list) }
        var edits: [FieldEdit] = []
        if text != current.body { edits.append(FieldEdit("body", old: FieldEdit.json(current.body), new: FieldEdit.json(text))) }
        let pin = pinned ?? current.pinned
        if pin != current.pinned { edits.append(FieldEdit("pinned", old: "\(current.pinned)", new: "\(pin)")) }
        return try await write(current, version: version, body: text, pinned: pin, deletedAt: current.deletedAt, edits: edits, viewer: viewer)
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let current = try await editableNote(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(note: current, userErrors: []) }
        let now = clock.now()
        return try await write(current, version: version, body: current.body, pinned: current.pinned, deletedAt: deleted ? now : nil,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func write(_ current: Note, version: Int?, body: String, pinned: Bool, deletedAt: Date?, edits: [FieldEdit],
                       viewer: Viewer) async throws -> Outcome {
        let (note, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                             edits: edits, noun: "note", version: \.version) {
            try await notes.updateNote(id: current.id, expectedVersion: version ?? current.version, body: body, pinned: pinned, deletedAt: deletedAt,
                                       edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(note: note, userErrors: errors)
    }

    /// The note if the viewer sees its subject; changing it needs its author or an admin.
    private func editableNote(_ viewer: Viewer, _ id: Int64) async throws -> Note {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let note = try await notes.notes(ids: [id]).first,
              try await subjects.clientID(of: note.subject, visibility: visibility, userID: viewer.user?.id) != nil else {
            throw DomainError.notFound("No such note.")
        }
        let isAdmin = viewer.user?.role == .admin || (viewer.user == nil && viewer.canWrite)
        guard isAdmin || (note.createdBy != nil && note.createdBy == viewer.user?.id) else {
            throw DomainError.forbidden("Only the author of a note or an admin changes it.")
        }
        return note
    }


    private func checkedBody(_ body: String, _ errors: inout Errors) -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.add(["body"], "Write something.", "REQUIRED") }
        else if text.count > Self.maximumLength { errors.add(["body"], "At most \(Self.maximumLength) characters.", "TOO_LONG") }
        return text
    }
}

/// Finding the records notes are attached to, as the viewer sees them.
public struct SubjectLookup: Sendable {
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let deals: any DealStore
    public let tasks: any TaskStore
    public let inquiries: any SupportStore
    public let calls: any TelephonyStore
    public let projects: any ProjectStore
    public let dialogues: any MessagingStore

    public init(clients: any ClientStore, contacts: any ContactStore, deals: any DealStore, tasks: any TaskStore,
                inquiries: any SupportStore, calls: any TelephonyStore,
                projects: any ProjectStore, dialogues: any MessagingStore) {
        self.clients = clients
        self.contacts = contacts
        self.deals = deals
        self.tasks = tasks
        self.inquiries = inquiries
        self.calls = calls
        self.projects = projects
        self.dialogues = dialogues
    }

    /// A client id, possibly none.
    public struct ClientRef: Sendable { public let value: Int64? }

    /// nil when the viewer (`userID`, with `visibility`) does not see a live subject; otherwise
    /// the client it belongs to (if any).
    public func clientID(of subject: Subject, visibility: Visibility, userID: Int64?) async throws -> ClientRef? {
        switch subject {
        case .client(let id):
            return try await clients.clients(ids: [id], visibility: visibility).first { $0.deletedAt == nil }.map { ClientRef(value: $0.id) }
        case .contact(let id):
            return try await contacts.contacts(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.fields.clientID) }
        case .deal(let id):
            return try await deals.deals(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.fields.clientID) }
        case .task(let id):
            return try await tasks.tasks(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.fields.clientID) }
        case .inquiry(let id):
            return try await inquiries.inquiries(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.fields.clientID) }
        case .call(let id):
            return try await calls.calls(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.state.clientID) }
        case .project(let id):
            return try await projects.projects(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
                .map { ClientRef(value: $0.fields.clientID) }
        case .dialogue(let id):
            return try await dialogues.dialogues(ids: [id], visibility: DialogueVisibility(records: visibility, userID: userID))
                .first { $0.deletedAt == nil }.map { ClientRef(value: $0.clientID) }
        }
    }
}
