import Foundation
import Synchronization
import Secrets

/// Sign-in, sessions, API tokens and user creation: the identity rules in one place.
///
/// Bearer tokens are random (32 bytes), shown once, and stored only as SHA-256 hashes: a session
/// token starts with `sbs_`, an API token with `sbt_`, so a leaked one is recognisable.
public struct AuthService: Sendable {
    public let store: any IdentityStore
    public let clock: any WallClock
    public let hasher: PasswordHasher
    /// How long a session lasts after sign-in.
    public let sessionLifetime: TimeInterval

    public static let sessionPrefix = "sbs_"
    public static let apiTokenPrefix = "sbt_"
    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// Credentials recently authenticated, forgotten whenever a write commits.
    let remembered = RememberedViewers()

    public init(store: any IdentityStore, clock: any WallClock = SystemClock(), hasher: PasswordHasher = PasswordHasher(),
                sessionLifetime: TimeInterval = 30 * 24 * 3600) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.sessionLifetime = sessionLifetime
        store.onCommit { [remembered] in remembered.forgetAll() }
    }

    /// The outcome of signing in: the token (shown once) with its session and user.
    public struct SignedIn: Sendable {
        public let token: String
        public let session: Session
        public let user: User
    }

    /// Checks e-mail and password. A wrong e-mail and a wrong password fail the same way, so
    /// sign-in does not tell which e-mails exist.
    public func signIn(email: String, password: String, deviceName: String?) async throws -> SignedIn {
        let invalid = DomainError.invalid([UserError(field: ["input", "password"], message: "Wrong e-mail or password.",
                                                     code: "INVALID_CREDENTIALS")])
        let normalized = (try? EmailAddress(email))?.normalized ?? email.lowercased()
        guard let user = try await store.user(email: normalized) else {
            // Spend the same time as a real check, so timing does not tell either.
            _ = hasher.verify(password, against: Self.decoyHash)
            throw invalid
        }
        guard hasher.verify(password, against: user.passwordHash) else { throw invalid }
        let token = Self.sessionPrefix + SecureRandom.token()
        let now = clock.now()
        let session = try await store.insertSession(userID: user.id, tokenHash: Digest.sha256Hex(token),
                                                    deviceName: deviceName, createdAt: now,
                                                    expiresAt: now.addingTimeInterval(sessionLifetime))
        return SignedIn(token: token, session: session, user: user)
    }

    /// A hash to verify against when the e-mail is unknown (its password is never used).
    private static let decoyHash = PasswordHasher().hash(SecureRandom.token())

    /// The viewer a `Authorization: Bearer <token>` header (or a bare token) stands for:
    /// anonymous when there is none or it is unknown, expired, revoked or its user deleted.
    public func authenticate(_ authorization: String?) async -> Viewer {
        // Trimmed by hand: Foundation's trimming bridges through NSString, on every request.
        func trimmed(_ text: Substring) -> Substring {
            var text = text
            while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return text
        }
        guard let authorization else { return .anonymous }
        var header = trimmed(authorization[...])
        if header.prefix(7).lowercased() == "bearer " { header = trimmed(header.dropFirst(7)) }
        guard !header.isEmpty else { return .anonymous }
        let token = String(header)
        let hash = Digest.sha256Hex(token)
        let now = clock.now()
        if let viewer = remembered.viewer(hash, at: now) { return viewer }
        let generation = remembered.generation
        let (viewer, expiresAt) = await lookUp(token, hash: hash, at: now)
        // Kept until the next commit (a sign-out, a revocation, any change of a user) and at
        // most `rememberedFor`, never past the credential's own expiry — and not at all when
        // something was written while it was read (it may be stale already).
        if viewer != .anonymous {
            remembered.remember(hash, viewer, until: min(now.addingTimeInterval(Self.rememberedFor), expiresAt ?? .distantFuture),
                                ifStill: generation)
        }
        return viewer
    }

    /// When the viewer's credential (a session or an API token) stops being valid, if ever.
    public func expiry(of viewer: Viewer) async -> Date? {
        switch viewer {
        case .user(_, let sessionID): (try? await store.sessions(ids: [sessionID]))?.first?.expiresAt
        case .apiToken(let token, _): token.expiresAt
        case .anonymous: nil
        }
    }

    /// How long an authenticated credential is remembered when nothing is written meanwhile.
    public static let rememberedFor: TimeInterval = 1

    private func lookUp(_ token: String, hash: String, at now: Date) async -> (viewer: Viewer, expiresAt: Date?) {
        do {
            if token.hasPrefix(Self.sessionPrefix) {
                guard let session = try await store.session(tokenHash: hash), session.revokedAt == nil,
                      session.expiresAt > now, let user = try await store.user(id: session.userID),
                      user.deletedAt == nil else { return (.anonymous, nil) }
                if Self.needsTouch(session.lastUsedAt, now) { try await store.touchSession(id: session.id, at: now) }
                return (.user(user, sessionID: session.id), session.expiresAt)
            }
            if token.hasPrefix(Self.apiTokenPrefix) {
                guard let apiToken = try await store.apiToken(tokenHash: hash), apiToken.isActive(at: now) else { return (.anonymous, nil) }
                var actingAs: User?
                if let userID = apiToken.actsAsUserID {
                    guard let user = try await store.user(id: userID), user.deletedAt == nil else { return (.anonymous, nil) }
                    actingAs = user
                }
                if Self.needsTouch(apiToken.lastUsedAt, now) { try await store.touchApiToken(id: apiToken.id, at: now) }
                return (.apiToken(apiToken, actingAs: actingAs), apiToken.expiresAt)
            }
        } catch {
            return (.anonymous, nil)
        }
        return (.anonymous, nil)
    }

    /// How stale `lastUsedAt` may be: a credential used again within it is not written again, so
    /// a busy client costs no write (and no disk flush) per request.
    public static let lastUsedResolution: TimeInterval = 60

    static func needsTouch(_ lastUsed: Date?, _ now: Date) -> Bool {
        guard let lastUsed else { return true }
        return now.timeIntervalSince(lastUsed) >= lastUsedResolution
    }

    /// Ends the viewer's session (or every session of the user with `everywhere`); returns how
    /// many ended.
    public func signOut(_ viewer: Viewer, everywhere: Bool) async throws -> Int {
        guard case .user(let user, let sessionID) = viewer else {
            throw DomainError.unauthenticated("Sign in to sign out.")
        }
        let now = clock.now()
        return everywhere ? try await store.revokeSessions(userID: user.id, at: now)
                          : try await store.revokeSession(id: sessionID, at: now)
    }

    /// Creates an API token (admins only); the token is returned once.
    public func createApiToken(_ viewer: Viewer, name: String, scopes: Set<TokenScope>, actsAsUserID: Int64?,
                               expiresAt: Date?) async throws -> (token: String, apiToken: ApiToken) {
        if case .user(let user, _) = viewer {
            guard user.role == .admin else { throw DomainError.forbidden("Only admins create API tokens.") }
        } else if viewer != .anonymous {
            throw DomainError.forbidden("API tokens are created by a signed-in admin.")
        } else {
            throw DomainError.unauthenticated("Sign in to create an API token.")
        }
        return try await issueApiToken(name: name, scopes: scopes, actsAsUserID: actsAsUserID, expiresAt: expiresAt,
                                       createdBy: viewer.user?.id)
    }

    /// Issues an API token without a signed-in admin (for the command line on the server itself).
    public func issueApiToken(name: String, scopes: Set<TokenScope>, actsAsUserID: Int64?, expiresAt: Date?,
                              createdBy: Int64?) async throws -> (token: String, apiToken: ApiToken) {
        var errors: [UserError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors.append(UserError(field: ["input", "name"], message: "Give the token a name.", code: "REQUIRED")) }
        if scopes.isEmpty { errors.append(UserError(field: ["input", "scopes"], message: "Give the token at least one scope.", code: "REQUIRED")) }
        if let expiresAt, expiresAt <= clock.now() {
            errors.append(UserError(field: ["input", "expiresAt"], message: "The expiry must be in the future.", code: "OUT_OF_RANGE"))
        }
        if let userID = actsAsUserID {
            let user = try await store.user(id: userID)
            if user == nil || user?.deletedAt != nil {
                errors.append(UserError(field: ["input", "actsAsUserId"], message: "No such user.", code: "NOT_FOUND"))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let token = Self.apiTokenPrefix + SecureRandom.token()
        let apiToken = try await store.insertApiToken(name: trimmed, scopes: scopes, tokenHash: Digest.sha256Hex(token),
                                                      prefix: String(token.prefix(10)), actsAsUserID: actsAsUserID,
                                                      createdBy: createdBy, expiresAt: expiresAt, at: clock.now())
        return (token, apiToken)
    }

    /// Creates a user after checking the input: a name, a valid and unused e-mail, a password of
    /// at least ``minimumPasswordLength`` characters, an existing department.
    public func createUser(name: String, email: String, password: String, role: Role, departmentID: Int64?,
                           phone: String? = nil, position: String? = nil, extensionNumber: String? = nil, timeZone: String? = nil,
                           locale: String? = nil, createdBy: Int64?) async throws -> User {
        var errors: [UserError] = []
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedName.isEmpty { errors.append(UserError(field: ["input", "name"], message: "Enter a name.", code: "REQUIRED")) }
        var normalizedEmail = ""
        do throws(EmailAddress.Invalid) {
            normalizedEmail = try EmailAddress(email).normalized
        } catch {
            errors.append(UserError(field: ["input", "email"], message: error.message, code: "INVALID_EMAIL"))
        }
        if !normalizedEmail.isEmpty, try await store.user(email: normalizedEmail) != nil {
            errors.append(UserError(field: ["input", "email"], message: "A user with this e-mail already exists.", code: "TAKEN"))
        }
        if password.count < Self.minimumPasswordLength {
            errors.append(UserError(field: ["input", "password"],
                                    message: "The password needs at least \(Self.minimumPasswordLength) characters.", code: "INVALID"))
        }
        var normalizedPhone: String?
        if let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty {
            do throws(PhoneNumber.Invalid) {
                normalizedPhone = try PhoneNumber(phone).e164
            } catch {
                errors.append(UserError(field: ["input", "phone"], message: error.message, code: "INVALID_PHONE"))
            }
        }
        if let departmentID, try await store.departments(ids: [departmentID]).first(where: { $0.deletedAt == nil }) == nil {
            errors.append(UserError(field: ["input", "departmentId"], message: "No such department.", code: "NOT_FOUND"))
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            errors.append(UserError(field: ["input", "timeZone"], message: "\"\(timeZone)\" is not a time zone (e.g. Europe/Moscow).",
                                    code: "INVALID"))
        }
        if let locale, !["ru", "en"].contains(locale) {
            errors.append(UserError(field: ["input", "locale"], message: "Supported languages are ru and en.", code: "INVALID"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return try await store.insertUser(NewUser(name: trimmedName, email: normalizedEmail, role: role,
                                                  departmentID: departmentID, passwordHash: hasher.hash(password),
                                                  phone: normalizedPhone, position: position, extensionNumber: extensionNumber,
                                                  timeZone: timeZone ?? "Europe/Moscow", locale: locale ?? "ru"),
                                          createdBy: createdBy, at: clock.now())
    }
}

/// Viewers by credential hash, for a few seconds: authenticating a busy client's requests reads
/// the database once, not per request. Forgotten all at once when anything is written.
final class RememberedViewers: Sendable {
    private struct State {
        var entries: [String: (viewer: Viewer, until: Date)] = [:]
        /// Moves on every forgetting, so a lookup that overlapped a write is not remembered.
        var generation = 0
    }

    private let state = Mutex(State())
    static let capacity = 10_000

    var generation: Int { state.withLock { $0.generation } }

    func viewer(_ hash: String, at now: Date) -> Viewer? {
        state.withLock { state in
            guard let entry = state.entries[hash], entry.until > now else { return nil }
            return entry.viewer
        }
    }

    func remember(_ hash: String, _ viewer: Viewer, until: Date, ifStill generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll() }
            state.entries[hash] = (viewer, until)
        }
    }

    func forgetAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }
}
