import Foundation

/// A change to one field of an update: leave it as it is, or set it (possibly to nothing).
public enum Change<Value: Sendable>: Sendable {
    case keep
    case set(Value)
}

/// The fields a client is created or updated with, as the caller gave them (not yet checked).
public struct ClientInput: Sendable {
    public var kind: Change<Client.Kind> = .keep
    public var status: Change<Client.Status> = .keep
    public var name: Change<String> = .keep
    public var legalName: Change<String?> = .keep
    public var inn: Change<String?> = .keep
    public var webDomain: Change<String?> = .keep
    public var industry: Change<String?> = .keep
    public var source: Change<String?> = .keep
    public var campaign: Change<String?> = .keep
    public var ownerID: Change<Int64?> = .keep
    public var tags: Change<[String]> = .keep
    public var phones: Change<[PhoneEntry]> = .keep
    public var emails: Change<[EmailEntry]> = .keep
    public var messengers: Change<[MessengerEntry]> = .keep
    public var address: Change<String?> = .keep
    /// A JSON object as text; the API checks it is an object.
    public var customFields: Change<String> = .keep

    public init() {}
}

/// Creating, changing, deleting and restoring clients: input checked and normalised (INN check
/// digits, phones to E.164, e-mails, web domains), owners within the viewer's reach, optimistic
/// concurrency and field history.
public struct ClientService: Sendable {
    public let clients: any ClientStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(clients: any ClientStore, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.clients = clients
        self.identity = identity
        self.clock = clock
    }

    /// The client as it is now, and the user errors when the change was refused.
    public struct Outcome: Sendable {
        public let client: Client?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, kind: Client.Kind, status: Client.Status, input: ClientInput) async throws -> Outcome {
        guard viewer.canWrite else { throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.")
                                                                 : DomainError.forbidden("This token has no write scope.") }
        let visibility = try await Visibility.of(viewer, store: identity)
        let start = ClientFields(name: "", ownerID: viewer.user?.id)
        let (fields, errors) = try await apply(input, to: start, visibility: visibility, requireName: true)
        guard errors.isEmpty else { return Outcome(client: nil, userErrors: errors) }
        let client = try await clients.insertClient(kind: kind, status: status, fields: fields, createdBy: viewer.user?.id,
                                                    actor: Actor(viewer), at: clock.now())
        return Outcome(client: client, userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: ClientInput) async throws -> Outcome {
        let (current, visibility) = try await visibleClient(viewer, id)
        let (fields, errors) = try await apply(input, to: current.fields, visibility: visibility, requireName: false)
        guard errors.isEmpty else { return Outcome(client: current, userErrors: errors) }
        var kind = current.kind
        if case .set(let k) = input.kind { kind = k }
        var status = current.status
        if case .set(let s) = input.status { status = s }
        let convertedAt = status == .client && current.status == .prospect ? clock.now() : current.convertedAt
        var edits = Self.edits(current.fields, fields)
        if kind != current.kind { edits.append(FieldEdit("kind", old: FieldEdit.json(current.kind.rawValue), new: FieldEdit.json(kind.rawValue))) }
        if status != current.status {
            edits.append(FieldEdit("status", old: FieldEdit.json(current.status.rawValue), new: FieldEdit.json(status.rawValue)))
        }
        return try await write(current, version: version, kind: kind, status: status, convertedAt: convertedAt, fields: fields,
                               deletedAt: current.deletedAt, edits: edits, viewer: viewer)
    }

    /// Soft-deletes a client; it can be restored.
    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let (current, _) = try await visibleClient(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(client: current, userErrors: []) }
        let now = clock.now()
        return try await write(current, version: version, kind: current.kind, status: current.status,
                               convertedAt: current.convertedAt, fields: current.fields, deletedAt: deleted ? now : nil,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func visibleClient(_ viewer: Viewer, _ id: Int64) async throws -> (Client, Visibility) {
        guard viewer.canWrite else { throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.")
                                                                 : DomainError.forbidden("This token has no write scope.") }
        let visibility = try await Visibility.of(viewer, store: identity)
        guard let client = try await clients.clients(ids: [id], visibility: visibility).first else {
            throw DomainError.notFound("No such client.")
        }
        return (client, visibility)
    }

    private func write(_ current: Client, version: Int?, kind: Client.Kind, status: Client.Status, convertedAt: Date?,
                       fields: ClientFields, deletedAt: Date?, edits: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let (client, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                               edits: edits, noun: "client", version: \.version) {
            try await clients.updateClient(id: current.id, expectedVersion: version ?? current.version, kind: kind, status: status,
                                           convertedAt: convertedAt, fields: fields, deletedAt: deletedAt, edits: edits,
                                           actor: Actor(viewer), at: clock.now())
        }
        return Outcome(client: client, userErrors: errors)
    }

    // MARK: Checking input

    /// The fields after applying `input`, or the user errors that refuse it.
    func apply(_ input: ClientInput, to start: ClientFields, visibility: Visibility,
               requireName: Bool) async throws -> (ClientFields, [UserError]) {
        var fields = start
        var errors: [UserError] = []
        func report(_ path: [String], _ message: String, _ code: String) {
            errors.append(UserError(field: ["input"] + path, message: message, code: code))
        }
        func text(_ change: Change<String?>, _ field: String, max: Int = 500) -> String?? {
            guard case .set(let value) = change else { return nil }
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let trimmed, trimmed.count > max { report([field], "At most \(max) characters.", "TOO_LONG") }
            return .some(trimmed?.isEmpty == true ? nil : trimmed)
        }
        if case .set(let name) = input.name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { report(["name"], "Enter a name.", "REQUIRED") }
            else if trimmed.count > 500 { report(["name"], "At most 500 characters.", "TOO_LONG") }
            fields.name = trimmed
        } else if requireName {
            report(["name"], "Enter a name.", "REQUIRED")
        }
        if let v = text(input.legalName, "legalName") { fields.legalName = v }
        if let v = text(input.industry, "industry", max: 200) { fields.industry = v }
        if let v = text(input.source, "source", max: 200) { fields.source = v }
        if let v = text(input.campaign, "campaign", max: 200) { fields.campaign = v }
        if let v = text(input.address, "address", max: 1000) { fields.address = v }
        if let innChange = text(input.inn, "inn") {
            if let inn = innChange {
                do throws(TaxID.Invalid) {
                    fields.inn = try TaxID(inn).value
                } catch {
                    report(["inn"], error.message, "INVALID_INN")
                }
            } else {
                fields.inn = nil
            }
        }
        if let domainChange = text(input.webDomain, "webDomain") {
            if let domain = domainChange {
                if let normalized = WebDomain.normalize(domain) { fields.webDomain = normalized }
                else { report(["webDomain"], "\"\(domain)\" is not a web domain.", "INVALID") }
            } else {
                fields.webDomain = nil
            }
        }
        if case .set(let owner) = input.ownerID {
            if let owner {
                let user = try await identity.user(id: owner)
                if user == nil || user?.deletedAt != nil {
                    report(["ownerId"], "No such user.", "NOT_FOUND")
                } else if !visibility.allows(ownerID: owner) {
                    report(["ownerId"], "You cannot hand clients to this user.", "NOT_ALLOWED")
                }
            } else if visibility != .all {
                report(["ownerId"], "Only admins leave a client without an owner: nobody else would see it.", "NOT_ALLOWED")
            }
            fields.ownerID = owner
        }
        if case .set(let tags) = input.tags {
            var seen = Set<String>()
            fields.tags = []
            for (i, raw) in tags.enumerated() {
                let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if tag.isEmpty { report(["tags", String(i)], "A tag cannot be empty.", "REQUIRED"); continue }
                if tag.count > 50 { report(["tags", String(i)], "At most 50 characters.", "TOO_LONG"); continue }
                if seen.insert(tag.lowercased()).inserted { fields.tags.append(tag) }
            }
        }
        if case .set(let phones) = input.phones { fields.phones = ContactPoints.phones(phones, report: report) }
        if case .set(let emails) = input.emails { fields.emails = ContactPoints.emails(emails, report: report) }
        if case .set(let messengers) = input.messengers { fields.messengers = ContactPoints.messengers(messengers, report: report) }
        if case .set(let custom) = input.customFields { fields.customFields = custom }
        return (fields, errors)
    }

    /// The tracked fields that differ, with old and new values as JSON text.
    static func edits(_ old: ClientFields, _ new: ClientFields) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        text("name", old.name, new.name)
        text("legalName", old.legalName, new.legalName)
        text("inn", old.inn, new.inn)
        text("webDomain", old.webDomain, new.webDomain)
        text("industry", old.industry, new.industry)
        text("source", old.source, new.source)
        text("campaign", old.campaign, new.campaign)
        text("address", old.address, new.address)
        if old.ownerID != new.ownerID { edits.append(FieldEdit("ownerId", old: FieldEdit.json(old.ownerID), new: FieldEdit.json(new.ownerID))) }
        if old.tags != new.tags { edits.append(FieldEdit("tags", old: RecordJSON.tags(old.tags), new: RecordJSON.tags(new.tags))) }
        if old.phones != new.phones { edits.append(FieldEdit("phones", old: RecordJSON.phones(old.phones), new: RecordJSON.phones(new.phones))) }
        if old.emails != new.emails { edits.append(FieldEdit("emails", old: RecordJSON.emails(old.emails), new: RecordJSON.emails(new.emails))) }
        if old.messengers != new.messengers {
            edits.append(FieldEdit("messengers", old: RecordJSON.messengers(old.messengers), new: RecordJSON.messengers(new.messengers)))
        }
        if old.customFields != new.customFields { edits.append(FieldEdit("customFields", old: old.customFields, new: new.customFields)) }
        return edits
    }
}

/// Web domains as people type them (`https://www.Example.ru/contacts`) reduced to the host
/// (`example.ru`).
public enum WebDomain {
    public static func normalize(_ text: String) -> String? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let scheme = s.range(of: "://") { s = String(s[scheme.upperBound...]) }
        if let slash = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = String(s[..<slash]) }
        if let colon = s.firstIndex(of: ":") { s = String(s[..<colon]) }
        if s.hasPrefix("www.") { s = String(s.dropFirst(4)) }
        if s.hasSuffix(".") { s.removeLast() }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, s.count <= 253 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-",
                  label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        }
        guard let tld = labels.last, tld.count >= 2, !tld.allSatisfy(\.isNumber) else { return nil }
        return s
    }
}
