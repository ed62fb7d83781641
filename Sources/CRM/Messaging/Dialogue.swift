import Foundation

/// The outside party of a client dialogue, as the channel identified them.
public struct DialogueParty: Equatable, Sendable {
    public var name: String?
    /// Username, VK user id, Viber id, e-mail address.
    public var handle: String?
    /// E.164.
    public var phone: String?
    public var email: String?

    public init(name: String? = nil, handle: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.handle = handle
        self.phone = phone
        self.email = email
    }
}

/// A conversation: with a client over an outside channel, or a corporate chat between users.
public struct Dialogue: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case client, direct, group }
    public enum Status: String, Sendable, CaseIterable { case open, waiting, closed }

    public var id: Int64
    public var kind: Kind
    public var channelID: Int64
    public var accountID: Int64?
    public var externalID: String?
    public var title: String?
    public var status: Status
    public var assigneeID: Int64?
    public var queuedSince: Date?
    public var clientID: Int64?
    public var contactID: Int64?
    public var party: DialogueParty?
    /// Members of a corporate chat; for a client dialogue, the users who have taken part.
    public var memberIDs: [Int64]
    public var lastMessageAt: Date?
    public var lastMessageID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, kind: Kind, channelID: Int64, accountID: Int64? = nil, externalID: String? = nil, title: String? = nil,
                status: Status = .open, assigneeID: Int64? = nil, queuedSince: Date? = nil, clientID: Int64? = nil, contactID: Int64? = nil,
                party: DialogueParty? = nil, memberIDs: [Int64] = [], lastMessageAt: Date? = nil, lastMessageID: Int64? = nil,
                createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.channelID = channelID
        self.accountID = accountID
        self.externalID = externalID
        self.title = title
        self.status = status
        self.assigneeID = assigneeID
        self.queuedSince = queuedSince
        self.clientID = clientID
        self.contactID = contactID
        self.party = party
        self.memberIDs = memberIDs
        self.lastMessageAt = lastMessageAt
        self.lastMessageID = lastMessageID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// A file carried by a message: a file of the dialogue (`fileID`), or still at the service
/// (`sourceURL`) until its adapter fetches it.
public struct MessageAttachment: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case image, video, audio, voice, document, sticker, location, contact, other }

    public var kind: Kind
    public var name: String
    public var contentType: String
    public var size: Int?
    public var sha256: String?
    public var fileID: Int64?
    public var sourceURL: String?

    public init(kind: Kind, name: String, contentType: String, size: Int? = nil, sha256: String? = nil, fileID: Int64? = nil,
                sourceURL: String? = nil) {
        self.fileID = fileID
        self.kind = kind
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.sourceURL = sourceURL
    }

    /// The kind a media type suggests.
    public static func kind(of contentType: String) -> Kind {
        let type = contentType.lowercased()
        if type.hasPrefix("image/") { return .image }
        if type.hasPrefix("video/") { return .video }
        if type.hasPrefix("audio/") { return .audio }
        return .document
    }
}

/// One message of a dialogue.
public struct Message: Equatable, Sendable {
    public enum Direction: String, Sendable { case incoming, outgoing, `internal` }
    public enum AuthorKind: String, Sendable { case client, user, system }
    public enum Delivery: String, Sendable, CaseIterable { case queued, sent, delivered, read, failed }

    public var id: Int64
    public var dialogueID: Int64
    public var accountID: Int64?
    public var direction: Direction
    public var authorKind: AuthorKind
    public var authorID: Int64?
    public var authorName: String
    public var subject: String?
    public var text: String?
    public var html: String?
    public var attachments: [MessageAttachment]
    public var replyToID: Int64?
    public var externalID: String?
    public var sentAt: Date
    public var createdAt: Date
    public var delivery: Delivery?
    public var deliveryChangedAt: Date?
    public var failureReason: String?
    public var templateID: Int64?
    public var idempotencyKey: String?

    public init(id: Int64 = 0, dialogueID: Int64, accountID: Int64? = nil, direction: Direction, authorKind: AuthorKind, authorID: Int64? = nil,
                authorName: String, subject: String? = nil, text: String? = nil, html: String? = nil, attachments: [MessageAttachment] = [],
                replyToID: Int64? = nil, externalID: String? = nil, sentAt: Date, createdAt: Date = .distantPast, delivery: Delivery? = nil,
                deliveryChangedAt: Date? = nil, failureReason: String? = nil, templateID: Int64? = nil, idempotencyKey: String? = nil) {
        self.id = id
        self.dialogueID = dialogueID
        self.accountID = accountID
        self.direction = direction
        self.authorKind = authorKind
        self.authorID = authorID
        self.authorName = authorName
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.replyToID = replyToID
        self.externalID = externalID
        self.sentAt = sentAt
        self.createdAt = createdAt
        self.delivery = delivery
        self.deliveryChangedAt = deliveryChangedAt
        self.failureReason = failureReason
        self.templateID = templateID
        self.idempotencyKey = idempotencyKey
    }
}

/// Filter, order and page of a dialogue list.
public struct DialogueQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case lastMessageAt, createdAt, queuedSince }

    public var text: String?
    public var kinds: [Dialogue.Kind]?
    public var statuses: [Dialogue.Status]?
    public var channelIDs: [Int64]?
    public var channelKinds: [Channel.Kind]?
    public var assigneeIDs: [Int64]?
    public var unassigned: Bool?
    public var clientIDs: [Int64]?
    public var contactIDs: [Int64]?
    public var unmatched: Bool?
    /// With messages unread by `reader`.
    public var hasUnread: Bool?
    public var reader: Int64?
    /// Last message in `[lastFrom, lastTo)`.
    public var lastFrom: Date?
    public var lastTo: Date?
    public var order: Order = .lastMessageAt
    public var page = PageRequest()

    public init() {}
}

/// Who sees which dialogues: client dialogues by visibility — the assignee, whoever sees the
/// client, and, while a dialogue waits in the queue, its channel's operators — and corporate
/// chats by their members only, whatever the role.
public struct DialogueVisibility: Equatable, Sendable {
    public let records: Visibility
    /// The viewer's own user id (corporate chats, the queue of their channels).
    public let userID: Int64?

    public init(records: Visibility, userID: Int64?) {
        self.records = records
        self.userID = userID
    }
}

/// What messaging needs from storage.
public protocol MessagingStore: Sendable {
    func channels(ids: [Int64]) async throws -> [Channel]
    func channels(kinds: [Channel.Kind]?, enabled: Bool?, deleted: DeletedFilter) async throws -> [Channel]
    func insertChannel(_ channel: Channel, createdBy: Int64?, at: Date) async throws -> Channel
    func updateChannel(_ channel: Channel, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<Channel>
    func accounts(ids: [Int64]) async throws -> [ChannelAccount]
    func accounts(channelIDs: [Int64]) async throws -> [ChannelAccount]
    func insertAccount(_ account: ChannelAccount, createdBy: Int64?, at: Date) async throws -> ChannelAccount
    func updateAccount(_ account: ChannelAccount, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                       at: Date) async throws -> VersionedWrite<ChannelAccount>

    func dialogues(ids: [Int64], visibility: DialogueVisibility) async throws -> [Dialogue]
    func dialogues(_ query: DialogueQuery, visibility: DialogueVisibility) async throws -> Page<Dialogue>
    /// The dialogue of an account's conversation, whoever may see it.
    func dialogue(accountID: Int64, externalID: String) async throws -> Dialogue?
    /// The direct chat of two users (`a:b`, smaller id first), whoever may see it.
    func directDialogue(key: String) async throws -> Dialogue?
    /// The client and contact whose phone, e-mail or messenger handle this is (a contact's first).
    func party(phoneDigits: String?, email: String?, messenger: String?, handle: String?) async throws -> (clientID: Int64?, contactID: Int64?)
    /// Open dialogues held by each of these users in a channel.
    func openDialogueCounts(channelID: Int64?, userIDs: [Int64]) async throws -> [Int64: Int]
    /// Inserts a dialogue (nil when an account's conversation exists already: a concurrent delivery).
    func insertDialogue(_ dialogue: Dialogue, createdBy: Int64?, at: Date) async throws -> Dialogue?
    func updateDialogue(_ dialogue: Dialogue, expectedVersion: Int?, edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<Dialogue>
    /// Records that `operatorID` got the channel's latest dialogue (round robin).
    func advanceChannel(id: Int64, to operatorID: Int64) async throws

    func messages(ids: [Int64]) async throws -> [Message]
    func messages(dialogueIDs: [Int64], page: PageRequest) async throws -> [Int64: Page<Message>]
    func message(accountID: Int64, externalID: String) async throws -> Message?
    func message(authorID: Int64, idempotencyKey: String) async throws -> Message?
    /// Stores a message and moves its dialogue on (last message, status, members) in one
    /// transaction; nil when the account's message id, or the author's idempotency key, is taken.
    func insertMessage(_ message: Message, dialogue: Dialogue, edits: [FieldEdit], actor: Actor, at: Date) async throws -> Message?
    /// Unread messages of each dialogue for a user (not their own).
    func unreadCounts(dialogueIDs: [Int64], userID: Int64) async throws -> [Int64: Int]
    /// Marks the dialogue read by the user up to a message (only ever forward).
    func markRead(dialogueID: Int64, userID: Int64, upTo messageID: Int64) async throws

    /// Queued outgoing messages due for a try, oldest first, with their dialogue and account.
    func queuedMessages(now: Date, limit: Int) async throws -> [(message: Message, dialogue: Dialogue, account: ChannelAccount, attempts: Int)]
    /// Records a try: the new delivery status (nil keeps it queued until `nextAttemptAt`), the
    /// service's message id, the failure's reason.
    func recordDelivery(messageID: Int64, status: Message.Delivery?, externalID: String?, failureReason: String?, nextAttemptAt: Date?,
                        at: Date) async throws
    /// Notes that an account's service answered (connected) or failed (with the error).
    /// A service's receipt for an outgoing message (by its id there): moves its status forward to
    /// `delivered` or `read` (never back, never out of `failed`) or fails it with a reason.
    /// Whether the message was found and changed.
    func recordReceipt(accountID: Int64, externalID: String, status: Message.Delivery, failureReason: String?, at: Date) async throws -> Bool
    func touchAccount(id: Int64, error: String?, at: Date) async throws
}
