import Foundation

/// A record notes (and later files) can be attached to.
public enum Subject: Equatable, Hashable, Sendable {
    case client(Int64)
    case contact(Int64)
    case deal(Int64)
    case task(Int64)
    case inquiry(Int64)
    case call(Int64)
    case project(Int64)
    case dialogue(Int64)

    /// The type name, as stored and as the schema names it.
    public var type: String {
        switch self {
        case .client: "Client"
        case .contact: "Contact"
        case .deal: "Deal"
        case .task: "Task"
        case .inquiry: "Inquiry"
        case .call: "Call"
        case .project: "Project"
        case .dialogue: "Dialogue"
        }
    }

    public var id: Int64 {
        switch self {
        case .client(let id), .contact(let id), .deal(let id), .task(let id), .inquiry(let id), .call(let id), .project(let id), .dialogue(let id): id
        }
    }

    public init?(type: String, id: Int64) {
        switch type {
        case "Client": self = .client(id)
        case "Contact": self = .contact(id)
        case "Deal": self = .deal(id)
        case "Task": self = .task(id)
        case "Inquiry": self = .inquiry(id)
        case "Call": self = .call(id)
        case "Project": self = .project(id)
        case "Dialogue": self = .dialogue(id)
        default: return nil
        }
    }
}

/// A text note (Markdown) on a record; pinned notes come first.
public struct Note: Equatable, Sendable {
    public var id: Int64
    public var subject: Subject
    /// The client the subject belonged to when the note was written: the timeline it shows in.
    public var clientID: Int64?
    public var body: String
    public var pinned: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, subject: Subject, clientID: Int64?, body: String, pinned: Bool, createdAt: Date, updatedAt: Date,
                createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.subject = subject
        self.clientID = clientID
        self.body = body
        self.pinned = pinned
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// What the note services need from storage. A note is visible to whoever sees its subject: the
/// callers check the subject first.
public protocol NoteStore: Sendable {
    func notes(ids: [Int64]) async throws -> [Note]
    /// The live notes of these subjects, pinned first, then newest first.
    func notes(subjects: [Subject]) async throws -> [Note]
    func insertNote(subject: Subject, clientID: Int64?, body: String, pinned: Bool, createdBy: Int64?, at: Date) async throws -> Note
    func updateNote(id: Int64, expectedVersion: Int?, body: String, pinned: Bool, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                    at: Date) async throws -> VersionedWrite<Note>
}
