import Foundation
import Secrets

/// Changes to a channel; nil (or `.keep`) leaves a field as it is.
public struct ChannelChanges: Sendable {
    public var name: String?
    public var kind: Channel.Kind?
    public var enabled: Bool?
    public var operatorIDs: [Int64]?
    public var autoAssign: Bool?
    public var maxOpenPerOperator: Change<Int?> = .keep
    public var createInquiries: Bool?
    public var slaPolicyID: Change<Int64?> = .keep

    public init() {}
}

/// Changes to a channel account; `settings` and `credentials` are merge patches.
public struct ChannelAccountChanges: Sendable {
    public var name: String?
    public var externalID: Change<String?> = .keep
    public var enabled: Bool?
    /// JSON object text.
    public var settings: String?
    public var credentials: [String: String?]?

    public init() {}
}

/// Channels and their accounts, which admins set up: at most one corporate chat channel, which
/// has no accounts; operators live users listed once; an account's secrets sealed.
public struct ChannelService: Sendable {
    public let store: any MessagingStore
    public let support: any SupportStore
    public let identity: any IdentityStore
    public let secrets: SecretBox
    public let clock: any WallClock

    public init(store: any MessagingStore, support: any SupportStore, identity: any IdentityStore, secrets: SecretBox,
                clock: any WallClock = SystemClock()) {
        self.store = store
        self.support = support
        self.identity = identity
        self.secrets = secrets
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let channel: Channel?
        public let userErrors: [UserError]
    }

    public struct AccountOutcome: Sendable {
        public let account: ChannelAccount?
        public let userErrors: [UserError]
    }

    static let adminOnly = "Only admins change channels."

    // MARK: Channels

    public func create(_ viewer: Viewer, _ changes: ChannelChanges) async throws -> Outcome {
        try viewer.requireAdmin(Self.adminOnly)
        var errors = Errors()
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        if changes.kind == nil { errors.add(["kind"], "Choose the kind of channel.", "REQUIRED") }
        let channel = try await apply(changes, to: Channel(name: "", kind: changes.kind ?? .webChat), &errors)
        guard errors.list.isEmpty else { return Outcome(channel: nil, userErrors: errors.list) }
        return Outcome(channel: try await store.insertChannel(channel, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, _ changes: ChannelChanges) async throws -> Outcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.channels(ids: [id]).first else { throw DomainError.notFound("No such channel.") }
        var errors = Errors()
        let next = try await apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return Outcome(channel: current, userErrors: errors.list) }
        return try await write(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.channels(ids: [id]).first else { throw DomainError.notFound("No such channel.") }
        guard (current.deletedAt != nil) != deleted else { return Outcome(channel: current, userErrors: []) }
        if !deleted, current.kind == .internal, try await !store.channels(kinds: [.internal], enabled: nil, deleted: .exclude).isEmpty {
            return Outcome(channel: current, userErrors: [UserError(field: ["input", "id"], message: "Another corporate chat channel exists now.",
                                                                    code: "TAKEN")])
        }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await write(current, next, version: version,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    /// The corporate chat channel, made on first use.
    public func internalChannel() async throws -> Channel {
        if let channel = try await store.channels(kinds: [.internal], enabled: nil, deleted: .exclude).first { return channel }
        return try await store.insertChannel(Channel(name: "Корпоративный чат", kind: .internal, autoAssign: false), createdBy: nil, at: clock.now())
    }

    private func write(_ current: Channel, _ next: Channel, version: Int?, extra: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let edits = Self.edits(current, next) + extra
        let (channel, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                noun: "channel", version: \.version) {
            try await store.updateChannel(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(channel: channel, userErrors: errors)
    }

    private func apply(_ changes: ChannelChanges, to start: Channel, _ errors: inout Errors) async throws -> Channel {
        var channel = start
        if let name = changes.name {
            channel.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if channel.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if channel.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if let kind = changes.kind, start.id == 0 {
            channel.kind = kind
            if kind == .internal, try await !store.channels(kinds: [.internal], enabled: nil, deleted: .exclude).isEmpty {
                errors.add(["kind"], "There is a corporate chat channel already.", "TAKEN")
            }
        }
        if let enabled = changes.enabled { channel.enabled = enabled }
        if let autoAssign = changes.autoAssign { channel.autoAssign = autoAssign }
        if let create = changes.createInquiries { channel.createInquiries = create }
        if let operators = changes.operatorIDs {
            if operators.uniqued().count != operators.count { errors.add(["operatorIds"], "List each operator once.", "INVALID") }
            let live = Set(try await identity.users(ids: operators).filter { $0.deletedAt == nil }.map(\.id))
            if let missing = operators.firstIndex(where: { !live.contains($0) }) { errors.add(["operatorIds", String(missing)], "No such user.", "NOT_FOUND") }
            channel.operatorIDs = operators
        }
        if case .set(let cap) = changes.maxOpenPerOperator {
            if let cap, !(1...10_000).contains(cap) { errors.add(["maxOpenDialoguesPerOperator"], "1 to 10000, or null for no limit.", "OUT_OF_RANGE") }
            channel.maxOpenPerOperator = cap
        }
        if case .set(let policy) = changes.slaPolicyID {
            if let policy, try await support.policies(ids: [policy]).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["slaPolicyId"], "No such SLA policy.", "NOT_FOUND")
            }
            channel.slaPolicyID = policy
        }
        return channel
    }

    static func edits(_ a: Channel, _ b: Channel) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func add(_ name: String, _ old: String?, _ new: String?) { if old != new { edits.append(FieldEdit(name, old: old, new: new)) } }
        add("name", FieldEdit.json(a.name), FieldEdit.json(b.name))
        add("enabled", String(a.enabled), String(b.enabled))
        add("operatorIds", "[" + a.operatorIDs.map(String.init).joined(separator: ",") + "]", "[" + b.operatorIDs.map(String.init).joined(separator: ",") + "]")
        add("autoAssign", String(a.autoAssign), String(b.autoAssign))
        add("maxOpenDialoguesPerOperator", a.maxOpenPerOperator.map(String.init), b.maxOpenPerOperator.map(String.init))
        add("createInquiries", String(a.createInquiries), String(b.createInquiries))
        add("slaPolicyId", FieldEdit.json(a.slaPolicyID), FieldEdit.json(b.slaPolicyID))
        return edits
    }

    // MARK: Accounts

    public func createAccount(_ viewer: Viewer, channelID: Int64, _ changes: ChannelAccountChanges) async throws -> AccountOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        var errors = Errors()
        let channel = try await store.channels(ids: [channelID]).first { $0.deletedAt == nil }
        if channel == nil { errors.add(["channelId"], "No such channel.", "NOT_FOUND") }
        else if channel?.kind == .internal { errors.add(["channelId"], "The corporate chat has no accounts.", "INVALID") }
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        var account = try apply(changes, to: ChannelAccount(channelID: channelID, name: ""), &errors)
        guard errors.list.isEmpty else { return AccountOutcome(account: nil, userErrors: errors.list) }
        account.status = account.enabled ? .pending : .disabled
        return AccountOutcome(account: try await store.insertAccount(account, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func updateAccount(_ viewer: Viewer, id: Int64, version: Int, _ changes: ChannelAccountChanges) async throws -> AccountOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.accounts(ids: [id]).first else { throw DomainError.notFound("No such channel account.") }
        var errors = Errors()
        var next = try apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return AccountOutcome(account: current, userErrors: errors.list) }
        if next.enabled != current.enabled { next.status = next.enabled ? .pending : .disabled }
        return try await writeAccount(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setAccountDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> AccountOutcome {
        try viewer.requireAdmin(Self.adminOnly)
        guard let current = try await store.accounts(ids: [id]).first else { throw DomainError.notFound("No such channel account.") }
        guard (current.deletedAt != nil) != deleted else { return AccountOutcome(account: current, userErrors: []) }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await writeAccount(current, next, version: version,
                                      extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    /// The secrets of an account, opened (for its adapter).
    public func credentials(of account: ChannelAccount) throws -> [String: String] {
        try account.credentials.open(secrets)
    }

    private func writeAccount(_ current: ChannelAccount, _ next: ChannelAccount, version: Int?, extra: [FieldEdit],
                              viewer: Viewer) async throws -> AccountOutcome {
        var edits = extra
        func add(_ name: String, _ old: String?, _ new: String?) { if old != new { edits.append(FieldEdit(name, old: old, new: new)) } }
        add("name", FieldEdit.json(current.name), FieldEdit.json(next.name))
        add("externalId", FieldEdit.json(current.externalID), FieldEdit.json(next.externalID))
        add("enabled", String(current.enabled), String(next.enabled))
        add("status", FieldEdit.json(current.status.rawValue), FieldEdit.json(next.status.rawValue))
        add("settings", current.settings, next.settings)
        edits += SealedCredentials.edits(current.credentials, next.credentials)
        let (account, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                noun: "channel account", version: \.version) {
            try await store.updateAccount(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return AccountOutcome(account: account, userErrors: errors)
    }

    private func apply(_ changes: ChannelAccountChanges, to start: ChannelAccount, _ errors: inout Errors) throws -> ChannelAccount {
        var account = start
        if let name = changes.name {
            account.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if account.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if account.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if case .set(let external) = changes.externalID { account.externalID = PipelineService.trimmed(external) }
        if let enabled = changes.enabled { account.enabled = enabled }
        if let settings = changes.settings { account.settings = JSONMergePatch.apply(settings, to: start.id == 0 ? "{}" : start.settings) }
        if let patch = changes.credentials {
            account.credentials = try start.credentials.merging(patch, box: secrets, field: "credentials", &errors)
        }
        return account
    }
}
