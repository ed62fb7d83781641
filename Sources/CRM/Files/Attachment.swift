import Foundation

/// A file attached to a record (the schema's `File`): its name, media type, size and SHA-256;
/// the bytes are kept once per SHA-256.
public struct Attachment: Equatable, Sendable {
    public var id: Int64
    public var subject: Subject
    /// The client of the subject when attached: the timeline it shows in.
    public var clientID: Int64?
    public var name: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, subject: Subject, clientID: Int64?, name: String, contentType: String, size: Int, sha256: String,
                createdAt: Date, updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.subject = subject
        self.clientID = clientID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// A file a user announced and then sends the bytes of; attached once, or it expires.
public struct FileUpload: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var contentType: String
    public var size: Int
    public var createdAt: Date
    public var expiresAt: Date
    /// Set once the bytes arrived.
    public var sha256: String?
    public var usedAt: Date?

    public init(id: Int64, userID: Int64, name: String, contentType: String, size: Int, createdAt: Date, expiresAt: Date,
                sha256: String?, usedAt: Date?) {
        self.id = id
        self.userID = userID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.sha256 = sha256
        self.usedAt = usedAt
    }
}

/// What the file services need from storage.
public protocol FileStore: Sendable {
    /// A new upload; expired, unused uploads and contents nothing refers to any more go.
    func insertUpload(userID: Int64, name: String, contentType: String, size: Int, at: Date, expiresAt: Date) async throws -> FileUpload
    func upload(id: Int64) async throws -> FileUpload?
    /// Stores the bytes (once per SHA-256) and marks the upload received.
    func receive(uploadID: Int64, sha256: String, bytes: [UInt8], at: Date) async throws
    /// Attaches a received upload to a subject and marks it used, in one transaction; nil when
    /// the upload was used meanwhile.
    func attach(uploadID: Int64, subject: Subject, clientID: Int64?, name: String, createdBy: Int64?, at: Date) async throws -> Attachment?
    func attachments(ids: [Int64]) async throws -> [Attachment]
    /// The live files of these subjects, newest first.
    func attachments(subjects: [Subject]) async throws -> [Attachment]
    func updateAttachment(id: Int64, expectedVersion: Int?, name: String, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                          at: Date) async throws -> VersionedWrite<Attachment>
    /// The bytes of a stored content.
    func content(sha256: String) async throws -> [UInt8]?
}
