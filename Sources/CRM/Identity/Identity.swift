import Foundation

/// A user of the CRM.
public struct User: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var email: String
    public var phone: String?
    public var position: String?
    public var role: Role
    public var departmentID: Int64?
    public var extensionNumber: String?
    public var timeZone: String
    public var locale: String
    public var presenceChoice: PresenceChoice
    public var presenceChangedAt: Date?
    /// Whether the user has a live console connection now.
    public var online: Bool = false
    public var passwordHash: String
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, name: String, email: String, phone: String? = nil, position: String? = nil, role: Role,
                departmentID: Int64?, extensionNumber: String? = nil, timeZone: String = "Europe/Moscow",
                locale: String = "ru", presenceChoice: PresenceChoice = .available, presenceChangedAt: Date? = nil,
                passwordHash: String, createdAt: Date, updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.position = position
        self.role = role
        self.departmentID = departmentID
        self.extensionNumber = extensionNumber
        self.timeZone = timeZone
        self.locale = locale
        self.presenceChoice = presenceChoice
        self.presenceChangedAt = presenceChangedAt
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The availability a user chooses; with no live console connection a user is offline whatever
/// the choice.
public enum PresenceChoice: String, CaseIterable, Sendable {
    case available, busy, away
}

extension User {
    /// What others see: the chosen presence while online, `offline` otherwise.
    public var presence: String { online ? presenceChoice.rawValue : "offline" }

    /// Whether calls and dialogues may be routed to the user now.
    public var isAvailable: Bool { online && presenceChoice == .available && deletedAt == nil }
}

/// A department, with the user who heads it.
public struct Department: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var headID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, name: String, headID: Int64?, createdAt: Date, updatedAt: Date, createdBy: Int64?,
                version: Int, deletedAt: Date?) {
        self.id = id
        self.name = name
        self.headID = headID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// A signed-in session: the token itself is never stored, only its SHA-256.
public struct Session: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    public var tokenHash: String
    public var deviceName: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int64, userID: Int64, tokenHash: String, deviceName: String?, createdAt: Date, expiresAt: Date,
                lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.tokenHash = tokenHash
        self.deviceName = deviceName
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// A token for an integration, with scopes; optionally acting as a user (whose visibility it
/// then has). Stored as a SHA-256 of the token.
public struct ApiToken: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var scopes: Set<TokenScope>
    public var tokenHash: String
    /// The token's first characters, shown so people can tell tokens apart.
    public var prefix: String
    public var actsAsUserID: Int64?
    public var createdAt: Date
    public var createdBy: Int64?
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int64, name: String, scopes: Set<TokenScope>, tokenHash: String, prefix: String, actsAsUserID: Int64?,
                createdAt: Date, createdBy: Int64?, expiresAt: Date?, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.scopes = scopes
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.actsAsUserID = actsAsUserID
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Whether the token can be used at `date`.
    public func isActive(at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > date } ?? true)
    }
}

/// Who is making a request.
public enum Viewer: Equatable, Sendable {
    case anonymous
    case user(User, sessionID: Int64)
    case apiToken(ApiToken, actingAs: User?)

    /// The user whose visibility applies, if any.
    public var user: User? {
        switch self {
        case .anonymous: nil
        case .user(let u, _): u
        case .apiToken(_, let u): u
        }
    }

    /// Whether the viewer may read (any signed-in user; a token with the read scope).
    public var canRead: Bool {
        switch self {
        case .anonymous: false
        case .user: true
        case .apiToken(let t, _): t.scopes.contains(.read)
        }
    }

    /// Whether the viewer may change data.
    public var canWrite: Bool {
        switch self {
        case .anonymous: false
        case .user: true
        case .apiToken(let t, _): t.scopes.contains(.write)
        }
    }
}
