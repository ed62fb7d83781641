import Foundation
import Secrets

/// The changes of a user, as the caller gave them.
public struct UserInput: Sendable {
    public var name: Change<String> = .keep
    public var email: Change<String> = .keep
    public var password: Change<String> = .keep
    public var role: Change<Role> = .keep
    public var departmentID: Change<Int64?> = .keep
    public var phone: Change<String?> = .keep
    public var position: Change<String?> = .keep
    public var extensionNumber: Change<String?> = .keep
    public var timeZone: Change<String> = .keep
    public var locale: Change<String> = .keep

    public init() {}
}

/// Changing, deactivating and reactivating users, with versions and history. Admins change
/// anyone; a user changes their own name, phone, time zone and locale. A deactivated user cannot
/// sign in and their sessions end; their records keep them as owner.
public struct UserService: Sendable {
    public let store: any IdentityStore
    public let hasher: PasswordHasher
    public let clock: any WallClock

    public init(store: any IdentityStore, hasher: PasswordHasher, clock: any WallClock = SystemClock()) {
        self.store = store
        self.hasher = hasher
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let user: User?
        public let userErrors: [UserError]
    }

    /// The fields a user may change on themself; admins may change all.
    static let selfService: Set<String> = ["name", "phone", "timeZone", "locale"]

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: UserInput) async throws -> Outcome {
        guard case .user(let actor, _) = viewer else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("Users are changed by people.")
        }
        guard actor.role == .admin || actor.id == id else { throw DomainError.forbidden("Only admins change other users.") }
        guard let current = try await store.user(id: id) else { throw DomainError.notFound("No such user.") }
        var user = current
        var errors: [UserError] = []
        var changed: [String] = []
        func report(_ field: String, _ message: String, _ code: String) {
            errors.append(UserError(field: ["input", field], message: message, code: code))
        }
        if case .set(let name) = input.name {
            user.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if user.name.isEmpty { report("name", "Enter a name.", "REQUIRED") }
            changed.append("name")
        }
        if case .set(let email) = input.email {
            do throws(EmailAddress.Invalid) {
                user.email = try EmailAddress(email).normalized
            } catch {
                report("email", error.message, "INVALID_EMAIL")
            }
            if user.email != current.email, try await store.user(email: user.email) != nil {
                report("email", "A user with this e-mail already exists.", "TAKEN")
            }
            changed.append("email")
        }
        var passwordChanged = false
        if case .set(let password) = input.password {
            if password.count < AuthService.minimumPasswordLength {
                report("password", "The password needs at least \(AuthService.minimumPasswordLength) characters.", "INVALID")
            } else {
                user.passwordHash = hasher.hash(password)
                passwordChanged = true
            }
            changed.append("password")
        }
        if case .set(let role) = input.role { user.role = role; changed.append("role") }
        if case .set(let department) = input.departmentID {
            if let department, try await store.departments(ids: [department]).first(where: { $0.deletedAt == nil }) == nil {
                report("departmentId", "No such department.", "NOT_FOUND")
            }
            user.departmentID = department
            changed.append("departmentId")
        }
        if case .set(let phone) = input.phone {
            if let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty {
                do throws(PhoneNumber.Invalid) { user.phone = try PhoneNumber(phone).e164 } catch { report("phone", error.message, "INVALID_PHONE") }
            } else {
                user.phone = nil
            }
            changed.append("phone")
        }
        if case .set(let position) = input.position { user.position = position?.trimmingCharacters(in: .whitespaces); changed.append("position") }
        if case .set(let ext) = input.extensionNumber { user.extensionNumber = ext; changed.append("extension") }
        if case .set(let zone) = input.timeZone {
            if TimeZone(identifier: zone) == nil { report("timeZone", "\"\(zone)\" is not a time zone (e.g. Europe/Moscow).", "INVALID") }
            user.timeZone = zone
            changed.append("timeZone")
        }
        if case .set(let locale) = input.locale {
            if !["ru", "en"].contains(locale) { report("locale", "Supported languages are ru and en.", "INVALID") }
            user.locale = locale
            changed.append("locale")
        }
        if actor.role != .admin {
            for field in changed where !Self.selfService.contains(field) {
                report(field, "Only admins change this.", "NOT_ALLOWED")
            }
        }
        guard errors.isEmpty else { return Outcome(user: current, userErrors: errors) }
        var edits = Self.edits(current, user)
        if passwordChanged { edits.append(FieldEdit("password", old: nil, new: nil)) }
        return try await write(current, user, version: version, edits: edits, viewer: viewer)
    }

    /// Changes the signed-in user's own password after checking the current one; their other
    /// sessions end (this one stays).
    public func changePassword(_ viewer: Viewer, current: String, new password: String) async throws -> Outcome {
        guard case .user(let user, let sessionID) = viewer else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("Only a signed-in user changes their password.")
        }
        guard let stored = try await store.user(id: user.id) else { throw DomainError.notFound("No such user.") }
        var errors: [UserError] = []
        if !hasher.verify(current, against: stored.passwordHash) {
            errors.append(UserError(field: ["input", "currentPassword"], message: "This is not your current password.", code: "INVALID_CREDENTIALS"))
        }
        if password.count < AuthService.minimumPasswordLength {
            errors.append(UserError(field: ["input", "newPassword"],
                                    message: "The password needs at least \(AuthService.minimumPasswordLength) characters.", code: "INVALID"))
        } else if password == current {
            errors.append(UserError(field: ["input", "newPassword"], message: "Choose a password other than the current one.", code: "INVALID"))
        }
        guard errors.isEmpty else { return Outcome(user: stored, userErrors: errors) }
        var next = stored
        next.passwordHash = hasher.hash(password)
        let outcome = try await write(stored, next, version: nil, edits: [FieldEdit("password", old: nil, new: nil)], viewer: viewer)
        if outcome.userErrors.isEmpty { _ = try await store.revokeSessions(userID: user.id, except: sessionID, at: clock.now()) }
        return outcome
    }

    /// Deactivates a user (admins only; not oneself) and ends their sessions.
    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    /// Reactivates a deactivated user (admins only).
    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        guard case .user(let actor, _) = viewer else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("Users are changed by people.")
        }
        guard actor.role == .admin else { throw DomainError.forbidden("Only admins deactivate and reactivate users.") }
        guard let current = try await store.user(id: id) else { throw DomainError.notFound("No such user.") }
        if deleted && actor.id == id {
            return Outcome(user: current, userErrors: [UserError(field: ["input", "id"], message: "You cannot deactivate yourself.",
                                                                  code: "NOT_ALLOWED")])
        }
        guard (current.deletedAt != nil) != deleted else { return Outcome(user: current, userErrors: []) }
        if !deleted, try await store.user(email: current.email) != nil {
            return Outcome(user: current, userErrors: [UserError(field: ["input", "id"],
                                                                  message: "Another user now has this e-mail.", code: "TAKEN")])
        }
        let now = clock.now()
        var user = current
        user.deletedAt = deleted ? now : nil
        let outcome = try await write(current, user, version: version,
                                      edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)],
                                      viewer: viewer)
        if deleted, outcome.userErrors.isEmpty { _ = try await store.revokeSessions(userID: id, at: now) }
        return outcome
    }

    private func write(_ current: User, _ user: User, version: Int?, edits: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let (written, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                edits: edits, noun: "user", version: \.version) {
            try await store.updateUser(user, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(user: written, userErrors: errors)
    }

    /// The changed fields; a password is recorded as changed, never with its value.
    static func edits(_ old: User, _ new: User) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        text("name", old.name, new.name)
        text("email", old.email, new.email)
        text("role", old.role.rawValue, new.role.rawValue)
        text("phone", old.phone, new.phone)
        text("position", old.position, new.position)
        text("extension", old.extensionNumber, new.extensionNumber)
        text("timeZone", old.timeZone, new.timeZone)
        text("locale", old.locale, new.locale)
        if old.departmentID != new.departmentID {
            edits.append(FieldEdit("departmentId", old: FieldEdit.json(old.departmentID), new: FieldEdit.json(new.departmentID)))
        }
        return edits
    }
}
