import Foundation
import Secrets

/// Files on records: a user announces a file (name, type, size within the limit), sends exactly
/// that many bytes, then attaches the upload to a record they see. Downloads need the same
/// visibility as the record. Active content (HTML, SVG, scripts) is refused, since browsers could
/// run it; everything is served as an attachment.
public struct FileService: Sendable {
    public let files: any FileStore
    public let subjects: SubjectLookup
    public let identity: any IdentityStore
    public let clock: any WallClock
    /// The largest file accepted, in bytes.
    public let maximumSize: Int
    /// How long an upload waits for its bytes and its attachment.
    public let uploadLifetime: TimeInterval

    public init(files: any FileStore, subjects: SubjectLookup, identity: any IdentityStore, clock: any WallClock = SystemClock(),
                maximumSize: Int = 25 << 20, uploadLifetime: TimeInterval = 3_600) {
        self.files = files
        self.subjects = subjects
        self.identity = identity
        self.clock = clock
        self.maximumSize = maximumSize
        self.uploadLifetime = uploadLifetime
    }

    /// Media types a browser could execute, never accepted.
    static let activeTypes: Set<String> = ["text/html", "application/xhtml+xml", "image/svg+xml", "application/javascript",
                                           "text/javascript", "application/ecmascript", "text/xml", "application/xml"]

    public struct UploadOutcome: Sendable {
        public let upload: FileUpload?
        public let userErrors: [UserError]
    }

    public struct Outcome: Sendable {
        public let file: Attachment?
        public let userErrors: [UserError]
    }

    /// Why the bytes of an upload were refused, with the HTTP status that says it.
    public enum ReceiveFailure: Error, Equatable, Sendable {
        case unauthenticated
        case notFound
        case expired
        case alreadyReceived
        case wrongSize(expected: Int, got: Int)

        public var status: Int {
            switch self {
            case .unauthenticated: 401
            case .notFound: 404
            case .expired: 410
            case .alreadyReceived: 409
            case .wrongSize: 400
            }
        }

        public var message: String {
            switch self {
            case .unauthenticated: "Sign in to upload."
            case .notFound: "No such upload."
            case .expired: "The upload expired: start a new one."
            case .alreadyReceived: "The bytes of this upload were received already."
            case .wrongSize(let expected, let got): "The upload announced \(expected) bytes; the body has \(got)."
            }
        }
    }

    public func createUpload(_ viewer: Viewer, name: String, contentType: String, size: Int) async throws -> UploadOutcome {
        guard viewer.canWrite else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("This token has no write scope.")
        }
        guard let user = viewer.user else { throw DomainError.forbidden("Uploads belong to a user: use a token that acts as one.") }
        var errors = Errors()
        let fileName = Self.checkedName(name, ["name"], &errors)
        let type = contentType.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        let token = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0) } }
        if parts.count != 2 || !parts.allSatisfy(token) {
            errors.add(["contentType"], "\"\(contentType)\" is not a media type such as application/pdf.", "INVALID")
        } else if Self.activeTypes.contains(type) {
            errors.add(["contentType"], "\(type) files are not accepted: browsers could run them.", "UNSUPPORTED_TYPE")
        }
        if size < 0 { errors.add(["size"], "The size cannot be negative.", "OUT_OF_RANGE") }
        if size > maximumSize { errors.add(["size"], "Files are at most \(maximumSize) bytes.", "TOO_LARGE") }
        guard errors.list.isEmpty else { return UploadOutcome(upload: nil, userErrors: errors.list) }
        let now = clock.now()
        let upload = try await files.insertUpload(userID: user.id, name: fileName, contentType: type, size: size, at: now,
                                                  expiresAt: now.addingTimeInterval(uploadLifetime))
        return UploadOutcome(upload: upload, userErrors: [])
    }

    /// Takes the bytes of an upload: only from its user, once, before it expires, exactly its size.
    public func receive(_ viewer: Viewer, uploadID: Int64, bytes: [UInt8]) async throws(ReceiveFailure) {
        guard viewer.canWrite, let user = viewer.user else { throw .unauthenticated }
        let found: FileUpload?
        do { found = try await files.upload(id: uploadID) } catch { throw .notFound }
        guard let upload = found, upload.userID == user.id else { throw .notFound }
        guard upload.sha256 == nil else { throw .alreadyReceived }
        guard upload.expiresAt > clock.now() else { throw .expired }
        guard bytes.count == upload.size else { throw .wrongSize(expected: upload.size, got: bytes.count) }
        do {
            try await files.receive(uploadID: uploadID, sha256: Encoding.hex(Digest.sha256(bytes)), bytes: bytes, at: clock.now())
        } catch {
            throw .notFound
        }
    }

    /// Why the viewer cannot attach an upload (not theirs, used, its bytes missing, expired), or
    /// nil when they can.
    public func uploadProblem(_ viewer: Viewer, uploadID: Int64) async throws -> (message: String, code: String)? {
        let upload = try await files.upload(id: uploadID)
        if upload == nil || upload?.userID != viewer.user?.id { return ("No such upload.", "NOT_FOUND") }
        if upload?.usedAt != nil { return ("This upload is attached already.", "INVALID_STATE") }
        if upload?.sha256 == nil { return ("The bytes of this upload have not arrived: PUT them to its uploadUrl first.", "INVALID_STATE") }
        if let upload, upload.expiresAt <= clock.now() { return ("The upload expired: start a new one.", "INVALID_STATE") }
        return nil
    }

    public func attach(_ viewer: Viewer, subject: Subject, uploadID: Int64, name: String?) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        let upload = try await files.upload(id: uploadID)
        if let problem = try await uploadProblem(viewer, uploadID: uploadID) { errors.add(["uploadId"], problem.message, problem.code) }
        let fileName = name.map { Self.checkedName($0, ["name"], &errors) }
        let client = try await subjects.clientID(of: subject, visibility: visibility, userID: viewer.user?.id)
        if client == nil { errors.add(["subject"], "No such record.", "NOT_FOUND") }
        guard errors.list.isEmpty, let upload, let client else { return Outcome(file: nil, userErrors: errors.list) }
        guard let file = try await files.attach(uploadID: upload.id, subject: subject, clientID: client.value, name: fileName ?? upload.name,
                                                createdBy: viewer.user?.id, at: clock.now()) else {
            return Outcome(file: nil, userErrors: [UserError(field: ["input", "uploadId"], message: "This upload is attached already.",
                                                             code: "INVALID_STATE")])
        }
        return Outcome(file: file, userErrors: [])
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    /// A visible file and its bytes, for download; nil when missing or not visible.
    public func download(_ viewer: Viewer, id: Int64) async throws -> (Attachment, [UInt8])? {
        guard viewer.canRead else { return nil }
        let visibility = try await Visibility.of(viewer, store: identity)
        guard let file = try await files.attachments(ids: [id]).first, file.deletedAt == nil,
              try await subjects.clientID(of: file.subject, visibility: visibility, userID: viewer.user?.id) != nil,
              let bytes = try await files.content(sha256: file.sha256) else { return nil }
        return (file, bytes)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let current = try await files.attachments(ids: [id]).first,
              try await subjects.clientID(of: current.subject, visibility: visibility, userID: viewer.user?.id) != nil else {
            throw DomainError.notFound("No such file.")
        }
        let isAdmin = viewer.user?.role == .admin || viewer.user == nil
        guard isAdmin || (current.createdBy != nil && current.createdBy == viewer.user?.id) else {
            throw DomainError.forbidden("Only the one who attached a file or an admin removes it.")
        }
        guard (current.deletedAt != nil) != deleted else { return Outcome(file: current, userErrors: []) }
        let now = clock.now()
        let edits = [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)]
        let (file, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                             edits: edits, noun: "file", version: \.version) {
            try await files.updateAttachment(id: id, expectedVersion: version ?? current.version, name: current.name, deletedAt: deleted ? now : nil,
                                             edits: edits, actor: Actor(viewer), at: now)
        }
        return Outcome(file: file, userErrors: errors)
    }


    /// A file name without path separators or control characters, at most 255 characters.
    static func checkedName(_ name: String, _ path: [String], _ errors: inout Errors) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors.add(path, "Name the file.", "REQUIRED") }
        else if trimmed.count > 255 { errors.add(path, "At most 255 characters.", "TOO_LONG") }
        else if trimmed.contains(where: { $0 == "/" || $0 == "\\" || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
            errors.add(path, "A file name has no slashes or control characters.", "INVALID")
        }
        return trimmed
    }
}
