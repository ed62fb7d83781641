import Foundation

/// The fields a contact is created or updated with, as the caller gave them.
public struct ContactInput: Sendable {
    public var firstName: Change<String> = .keep
    public var middleName: Change<String?> = .keep
    public var lastName: Change<String?> = .keep
    public var clientID: Change<Int64?> = .keep
    public var position: Change<String?> = .keep
    public var ownerID: Change<Int64?> = .keep
    public var phones: Change<[PhoneEntry]> = .keep
    public var emails: Change<[EmailEntry]> = .keep
    public var messengers: Change<[MessengerEntry]> = .keep
    public var birthday: Change<String?> = .keep
    public var customFields: Change<String> = .keep

    public init() {}
}

/// Creating, changing, deleting and restoring contacts: the same record rules as clients
/// (visibility, versions, history), and a contact may only be linked to a client the viewer sees.
public struct ContactService: Sendable {
    public let contacts: any ContactStore
    public let clients: any ClientStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(contacts: any ContactStore, clients: any ClientStore, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.contacts = contacts
        self.clients = clients
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let contact: Contact?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, input: ContactInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        let (fields, errors) = try await apply(input, to: ContactFields(firstName: "", ownerID: viewer.user?.id),
                                               visibility: visibility, requireFirstName: true)
        guard errors.isEmpty else { return Outcome(contact: nil, userErrors: errors) }
        return Outcome(contact: try await contacts.insertContact(fields, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: ContactInput) async throws -> Outcome {
        let (current, visibility) = try await visibleContact(viewer, id)
        let (fields, errors) = try await apply(input, to: current.fields, visibility: visibility, requireFirstName: false)
        guard errors.isEmpty else { return Outcome(contact: current, userErrors: errors) }
        return try await write(current, version: version, fields: fields, deletedAt: current.deletedAt,
                               edits: Self.edits(current.fields, fields), viewer: viewer)
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let (current, _) = try await visibleContact(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(contact: current, userErrors: []) }
        let now = clock.now()
        return try await write(current, version: version, fields: current.fields, deletedAt: deleted ? now : nil,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }


    private func visibleContact(_ viewer: Viewer, _ id: Int64) async throws -> (Contact, Visibility) {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let contact = try await contacts.contacts(ids: [id], visibility: visibility).first else {
            throw DomainError.notFound("No such contact.")
        }
        return (contact, visibility)
    }

    private func write(_ current: Contact, version: Int?, fields: ContactFields, deletedAt: Date?, edits: [FieldEdit],
                       viewer: Viewer) async throws -> Outcome {
        let (contact, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                edits: edits, noun: "contact", version: \.version) {
            try await contacts.updateContact(id: current.id, expectedVersion: version ?? current.version, fields: fields, deletedAt: deletedAt,
                                             edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(contact: contact, userErrors: errors)
    }

    func apply(_ input: ContactInput, to start: ContactFields, visibility: Visibility,
               requireFirstName: Bool) async throws -> (ContactFields, [UserError]) {
        var fields = start
        var errors: [UserError] = []
        func report(_ path: [String], _ message: String, _ code: String) {
            errors.append(UserError(field: ["input"] + path, message: message, code: code))
        }
        func text(_ change: Change<String?>, _ field: String) -> String?? {
            guard case .set(let value) = change else { return nil }
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let trimmed, trimmed.count > 200 { report([field], "At most 200 characters.", "TOO_LONG") }
            return .some(trimmed?.isEmpty == true ? nil : trimmed)
        }
        if case .set(let first) = input.firstName {
            fields.firstName = first.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.firstName.isEmpty { report(["firstName"], "Enter a first name.", "REQUIRED") }
        } else if requireFirstName {
            report(["firstName"], "Enter a first name.", "REQUIRED")
        }
        if let v = text(input.middleName, "middleName") { fields.middleName = v }
        if let v = text(input.lastName, "lastName") { fields.lastName = v }
        if let v = text(input.position, "position") { fields.position = v }
        if case .set(let clientID) = input.clientID {
            if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                report(["clientId"], "No such client.", "NOT_FOUND")
            }
            fields.clientID = clientID
        }
        if case .set(let owner) = input.ownerID {
            if let owner {
                let user = try await identity.user(id: owner)
                if user == nil || user?.deletedAt != nil {
                    report(["ownerId"], "No such user.", "NOT_FOUND")
                } else if !visibility.allows(ownerID: owner) {
                    report(["ownerId"], "You cannot hand contacts to this user.", "NOT_ALLOWED")
                }
            } else if visibility != .all {
                report(["ownerId"], "Only admins leave a contact without an owner: nobody else would see it.", "NOT_ALLOWED")
            }
            fields.ownerID = owner
        }
        if case .set(let phones) = input.phones { fields.phones = ContactPoints.phones(phones, report: report) }
        if case .set(let emails) = input.emails { fields.emails = ContactPoints.emails(emails, report: report) }
        if case .set(let messengers) = input.messengers { fields.messengers = ContactPoints.messengers(messengers, report: report) }
        if case .set(let birthday) = input.birthday {
            if let birthday, !CalendarDate.isValid(birthday) {
                report(["birthday"], "\"\(birthday)\" is not a date (YYYY-MM-DD).", "INVALID")
            }
            fields.birthday = birthday
        }
        if case .set(let custom) = input.customFields { fields.customFields = custom }
        return (fields, errors)
    }

    static func edits(_ old: ContactFields, _ new: ContactFields) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        text("firstName", old.firstName, new.firstName)
        text("middleName", old.middleName, new.middleName)
        text("lastName", old.lastName, new.lastName)
        text("position", old.position, new.position)
        text("birthday", old.birthday, new.birthday)
        if old.clientID != new.clientID { edits.append(FieldEdit("clientId", old: FieldEdit.json(old.clientID), new: FieldEdit.json(new.clientID))) }
        if old.ownerID != new.ownerID { edits.append(FieldEdit("ownerId", old: FieldEdit.json(old.ownerID), new: FieldEdit.json(new.ownerID))) }
        if old.phones != new.phones { edits.append(FieldEdit("phones", old: RecordJSON.phones(old.phones), new: RecordJSON.phones(new.phones))) }
        if old.emails != new.emails { edits.append(FieldEdit("emails", old: RecordJSON.emails(old.emails), new: RecordJSON.emails(new.emails))) }
        if old.messengers != new.messengers {
            edits.append(FieldEdit("messengers", old: RecordJSON.messengers(old.messengers), new: RecordJSON.messengers(new.messengers)))
        }
        if old.customFields != new.customFields { edits.append(FieldEdit("customFields", old: old.customFields, new: new.customFields)) }
        return edits
    }
}
