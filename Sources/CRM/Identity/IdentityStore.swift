import Foundation

/// What the identity services need from storage. Implementations decide no rules: they read
/// and write what they are told, each call in one transaction.
public protocol IdentityStore: Sendable {
    func user(id: Int64) async throws -> User?
    func users(ids: [Int64]) async throws -> [User]
    /// The live (not deleted) user with this normalised e-mail.
    func user(email: String) async throws -> User?
    /// Live users ordered by name, optionally of one department.
    func users(departmentID: Int64?) async throws -> [User]
    /// Every user, deactivated ones included, ordered by name.
    func allUsers() async throws -> [User]
    func insertUser(_ user: NewUser, createdBy: Int64?, at: Date) async throws -> User
    /// Writes a user's fields (and deletion) if its version is `expectedVersion`, with the history.
    func updateUser(_ user: User, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<User>

    func departments(ids: [Int64]) async throws -> [Department]
    /// Live departments ordered by name.
    func departments() async throws -> [Department]
    func department(name: String) async throws -> Department?
    func insertDepartment(name: String, headID: Int64?, createdBy: Int64?, at: Date) async throws -> Department
    func setDepartmentHead(departmentID: Int64, headID: Int64?, at: Date) async throws
    /// Applies `edits` to a department if its version is `expectedVersion`: the row, its version
    /// and one history row per edit are written in one transaction, or nothing is.
    func updateDepartment(id: Int64, expectedVersion: Int?, name: String, headID: Int64?, deletedAt: Date?,
                          edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<Department>
    /// The recorded changes of a record, newest first.
    func history(entity: String, id: Int64) async throws -> [FieldChange]

    func insertSession(userID: Int64, tokenHash: String, deviceName: String?, createdAt: Date,
                       expiresAt: Date) async throws -> Session
    func session(tokenHash: String) async throws -> Session?
    func sessions(ids: [Int64]) async throws -> [Session]
    func touchSession(id: Int64, at: Date) async throws
    /// Stores whether the user has a live console connection (the server counts them).
    func setConnected(userID: Int64, _ connected: Bool) async throws
    /// Forgets every live connection (a server starts with none).
    func resetConnections() async throws
    /// Stores the presence a user chose.
    func setPresenceChoice(userID: Int64, choice: PresenceChoice, at: Date) async throws
    /// Revokes the given session; returns how many were still active.
    func revokeSession(id: Int64, at: Date) async throws -> Int
    /// Revokes every active session of a user; returns how many.
    func revokeSessions(userID: Int64, at: Date) async throws -> Int
    /// Ends every session of a user but one; returns how many ended.
    func revokeSessions(userID: Int64, except sessionID: Int64, at: Date) async throws -> Int

    func insertApiToken(name: String, scopes: Set<TokenScope>, tokenHash: String, prefix: String, actsAsUserID: Int64?,
                        createdBy: Int64?, expiresAt: Date?, at: Date) async throws -> ApiToken
    func apiToken(tokenHash: String) async throws -> ApiToken?
    func apiTokens(ids: [Int64]) async throws -> [ApiToken]
    /// Every token, newest first.
    func apiTokens() async throws -> [ApiToken]
    func revokeApiToken(id: Int64, at: Date) async throws
    func touchApiToken(id: Int64, at: Date) async throws
    /// Calls `changed` after each write this process commits to users, sessions, API tokens or
    /// departments: remembered credentials are forgotten.
    func onCommit(_ changed: @escaping @Sendable () -> Void)
}

/// The fields of a user to create.
public struct NewUser: Sendable {
    public var name: String
    public var email: String
    public var role: Role
    public var departmentID: Int64?
    public var passwordHash: String
    public var phone: String?
    public var position: String?
    public var extensionNumber: String?
    /// IANA time zone.
    public var timeZone: String
    /// `ru` or `en`.
    public var locale: String

    public init(name: String, email: String, role: Role, departmentID: Int64?, passwordHash: String,
                phone: String? = nil, position: String? = nil, extensionNumber: String? = nil, timeZone: String = "Europe/Moscow",
                locale: String = "ru") {
        self.name = name
        self.email = email
        self.role = role
        self.departmentID = departmentID
        self.passwordHash = passwordHash
        self.phone = phone
        self.position = position
        self.extensionNumber = extensionNumber
        self.timeZone = timeZone
        self.locale = locale
    }
}
