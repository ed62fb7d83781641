import Foundation

/// A message from the outside, as a channel adapter translated it.
public struct IncomingMessage: Sendable {
    public var accountID: Int64
    /// The conversation's id at the service (Telegram `chat.id`, VK `peer_id`, a mail thread).
    public var conversationID: String
    public var party: DialogueParty
    /// The messenger whose handle `party.handle` is (`telegram`, `viber`, `vk`), for matching.
    public var messenger: String?
    /// The message's id at the service.
    public var externalID: String
    public var subject: String?
    public var text: String?
    public var html: String?
    public var attachments: [MessageAttachment]
    public var sentAt: Date

    public init(accountID: Int64, conversationID: String, party: DialogueParty, messenger: String? = nil, externalID: String,
                subject: String? = nil, text: String? = nil, html: String? = nil, attachments: [MessageAttachment] = [], sentAt: Date) {
        self.accountID = accountID
        self.conversationID = conversationID
        self.party = party
        self.messenger = messenger
        self.externalID = externalID
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.sentAt = sentAt
    }
}

/// A message a user sends.
public struct OutgoingMessage: Sendable {
    public var text: String?
    public var subject: String?
    /// Uploads (`createFileUpload`, bytes sent) and files the viewer sees.
    public var uploadIDs: [Int64] = []
    public var fileIDs: [Int64] = []
    public var replyToID: Int64?
    public var templateID: Int64?
    public var dialogueStatus: Dialogue.Status?
    public var idempotencyKey: String?

    public init(text: String?) {
        self.text = text
    }
}

/// Dialogues and their messages. A client's message lands in the dialogue of its conversation
/// (one per account and conversation; a repeated delivery stores nothing twice), matched to the
/// contact or client whose phone, e-mail or handle it comes from, reopening it; a new dialogue is
/// distributed — the client's owner, else the channel's operators in turn, skipping those at
/// their limit of open dialogues — or waits in the queue; it opens a support inquiry when the
/// channel says so. Users answer (the dialogue then waits for the client; an unassigned one
/// becomes the answerer's), start dialogues, hand them over, close them, and chat among
/// themselves in direct and group chats that only their members see.
public struct DialogueService: Sendable {
    public let store: any MessagingStore
    public let channels: ChannelService
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let identity: any IdentityStore
    public let inquiries: InquiryService
    public let files: FileService
    public let templates: any AnswerTemplateStore
    public let clock: any WallClock

    public init(store: any MessagingStore, channels: ChannelService, clients: any ClientStore, contacts: any ContactStore,
                identity: any IdentityStore, inquiries: InquiryService, files: FileService, templates: any AnswerTemplateStore,
                clock: any WallClock = SystemClock()) {
        self.templates = templates
        self.store = store
        self.channels = channels
        self.clients = clients
        self.contacts = contacts
        self.identity = identity
        self.inquiries = inquiries
        self.files = files
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public var dialogue: Dialogue?
        public var userErrors: [UserError] = []
    }

    public struct SendOutcome: Sendable {
        public var message: Message?
        public var dialogue: Dialogue?
        public var userErrors: [UserError] = []
    }

    /// What a delivery did: the dialogue and message, and whether each is new.
    public struct Received: Sendable {
        public let dialogue: Dialogue
        public let message: Message
        public let messageIsNew: Bool
        public let dialogueIsNew: Bool
    }

    /// The visibility of a viewer over dialogues.
    public func visibility(_ viewer: Viewer) async throws -> DialogueVisibility {
        DialogueVisibility(records: try await Visibility.of(viewer, store: identity), userID: viewer.user?.id)
    }

    // MARK: From the outside

    /// Stores a client's message from a channel adapter.
    public func receive(_ incoming: IncomingMessage) async throws -> Received {
        guard let account = try await store.accounts(ids: [incoming.accountID]).first, account.deletedAt == nil, account.enabled,
              let channel = try await store.channels(ids: [account.channelID]).first, channel.deletedAt == nil, channel.enabled else {
            throw DomainError.invalidState("The channel account does not take messages.")
        }
        if let known = try await store.message(accountID: account.id, externalID: incoming.externalID),
           let dialogue = try await store.dialogues(ids: [known.dialogueID], visibility: Self.everything).first {
            return Received(dialogue: dialogue, message: known, messageIsNew: false, dialogueIsNew: false)
        }
        var (dialogue, created) = try await conversation(incoming, account: account, channel: channel)
        for _ in 0..<3 {
            var next = dialogue
            next.status = .open
            if next.party == nil { next.party = incoming.party }
            let message = Message(dialogueID: dialogue.id, accountID: account.id, direction: .incoming, authorKind: .client,
                                  authorName: Self.name(of: incoming.party), subject: Self.trimmed(incoming.subject, 998),
                                  text: Self.trimmed(incoming.text, 100_000), html: incoming.html, attachments: incoming.attachments,
                                  externalID: incoming.externalID, sentAt: incoming.sentAt)
            if let stored = try await store.insertMessage(message, dialogue: next, edits: Self.edits(dialogue, next), actor: .system, at: clock.now()) {
                guard let after = try await store.dialogues(ids: [dialogue.id], visibility: Self.everything).first else { break }
                if created, channel.createInquiries, after.kind == .client {
                    _ = try await inquiries.register(for: after, channelKind: channel.kind, slaPolicyID: channel.slaPolicyID,
                                                     subject: Self.subject(of: stored))
                } else if !created {
                    try await inquiries.clientWrote(inDialogue: dialogue.id)
                }
                return Received(dialogue: after, message: stored, messageIsNew: true, dialogueIsNew: created)
            }
            // The message arrived meanwhile (a concurrent delivery), or the dialogue moved on.
            if let known = try await store.message(accountID: account.id, externalID: incoming.externalID) {
                return Received(dialogue: dialogue, message: known, messageIsNew: false, dialogueIsNew: false)
            }
            guard let reread = try await store.dialogues(ids: [dialogue.id], visibility: Self.everything).first else { break }
            dialogue = reread
            created = false
        }
        throw DomainError.conflict("The dialogue keeps changing; deliver the message again.")
    }

    /// The dialogue of a conversation, made and distributed when it is new.
    private func conversation(_ incoming: IncomingMessage, account: ChannelAccount, channel: Channel) async throws -> (Dialogue, Bool) {
        if let existing = try await store.dialogue(accountID: account.id, externalID: incoming.conversationID) { return (existing, false) }
        var party = incoming.party
        party.phone = party.phone.flatMap { try? PhoneNumber($0) }?.e164
        party.email = party.email.flatMap { try? EmailAddress($0) }?.normalized
        let (clientID, contactID) = try await store.party(phoneDigits: party.phone.map { String($0.dropFirst()) }, email: party.email,
                                                         messenger: incoming.messenger, handle: party.handle)
        var dialogue = Dialogue(kind: .client, channelID: channel.id, accountID: account.id, externalID: incoming.conversationID,
                                title: Self.trimmed(incoming.subject, 998), clientID: clientID, contactID: contactID, party: party)
        let assignee = try await distribute(channel: channel, clientID: clientID)
        dialogue.assigneeID = assignee
        dialogue.queuedSince = assignee == nil ? incoming.sentAt : nil
        if let made = try await store.insertDialogue(dialogue, createdBy: nil, at: clock.now()) { return (made, true) }
        guard let existing = try await store.dialogue(accountID: account.id, externalID: incoming.conversationID) else {
            throw DomainError.conflict("The dialogue could not be stored; deliver the message again.")
        }
        return (existing, false)
    }

    /// Who gets a new dialogue: the client's owner when online and available; else the channel's
    /// available operators in turn, skipping those at the channel's limit of open dialogues;
    /// nobody (the queue) when none can — ``assignQueued()`` hands it out later.
    func distribute(channel: Channel, clientID: Int64?) async throws -> Int64? {
        guard channel.autoAssign else { return nil }
        let available = Set(try await identity.allUsers().filter(\.isAvailable).map(\.id))
        if let clientID, let owner = try await clients.clients(ids: [clientID], visibility: .all).first?.fields.ownerID, available.contains(owner) {
            return owner
        }
        let order = channel.roundRobinOrder.filter(available.contains)
        let counts = try await store.openDialogueCounts(channelID: channel.id, userIDs: order)
        guard let chosen = order.first(where: { id in channel.maxOpenPerOperator.map { counts[id, default: 0] < $0 } ?? true }) else { return nil }
        try await store.advanceChannel(id: channel.id, to: chosen)
        return chosen
    }

    /// Hands queued dialogues of auto-assigning channels, oldest first, to whoever can take them
    /// now (someone came online, became available, or closed a dialogue). Returns how many were
    /// assigned.
    @discardableResult
    public func assignQueued() async throws -> Int {
        var query = DialogueQuery()
        query.kinds = [.client]
        query.unassigned = true
        query.statuses = [.open, .waiting]
        query.order = .queuedSince
        query.page.limit = 200
        query.page.countsTotal = false
        var channels: [Int64: Channel] = [:]
        var full: Set<Int64> = []
        var assigned = 0
        for dialogue in try await store.dialogues(query, visibility: Self.everything).items {
            let channelID = dialogue.channelID
            guard !full.contains(channelID) else { continue }
            if channels[channelID] == nil { channels[channelID] = try await store.channels(ids: [channelID]).first }
            guard let channel = channels[channelID], channel.enabled, channel.deletedAt == nil else { continue }
            guard let chosen = try await distribute(channel: channel, clientID: dialogue.clientID) else {
                // An owner may still be free for another client's dialogue; operators of this channel are not.
                if dialogue.clientID == nil { full.insert(channelID) }
                continue
            }
            var next = dialogue
            next.assigneeID = chosen
            next.queuedSince = nil
            // A dialogue someone assigned meanwhile keeps that assignment.
            if case .written = try await store.updateDialogue(next, expectedVersion: dialogue.version, edits: Self.edits(dialogue, next),
                                                            actor: .system, at: clock.now()) {
                assigned += 1
            }
        }
        return assigned
    }

    // MARK: Users writing

    public func send(_ viewer: Viewer, dialogueID: Int64, _ outgoing: OutgoingMessage) async throws -> SendOutcome {
        let visibility = try await writer(viewer)
        guard let user = viewer.user else { throw DomainError.forbidden("Only users write messages.") }
        if let key = outgoing.idempotencyKey, let sent = try await store.message(authorID: user.id, idempotencyKey: key) {
            return SendOutcome(message: sent, dialogue: try await store.dialogues(ids: [sent.dialogueID], visibility: visibility).first)
        }
        guard let dialogue = try await store.dialogues(ids: [dialogueID], visibility: visibility).first, dialogue.deletedAt == nil else {
            throw DomainError.notFound("No such dialogue.")
        }
        var errors = Errors()
        var account: ChannelAccount?
        if dialogue.kind == .client {
            account = try await store.accounts(ids: dialogue.accountID.map { [$0] } ?? []).first
            let channel = try await store.channels(ids: [dialogue.channelID]).first
            if account?.deletedAt != nil || account?.enabled != true || channel?.enabled != true || channel?.deletedAt != nil {
                errors.add(["dialogueId"], "The dialogue's channel does not send messages now.", "INVALID_STATE")
            }
        }
        let message = try await compose(user, dialogue: dialogue, outgoing, &errors)
        guard errors.list.isEmpty, var message else { return SendOutcome(dialogue: dialogue, userErrors: errors.list) }
        message.accountID = account?.id
        message.attachments += try await attachUploads(outgoing.uploadIDs, to: dialogue, user: user, offset: outgoing.fileIDs.count, &errors)
        guard errors.list.isEmpty else { return SendOutcome(dialogue: dialogue, userErrors: errors.list) }
        var next = dialogue
        if dialogue.kind == .client {
            next.status = outgoing.dialogueStatus ?? .waiting
            if next.assigneeID == nil {
                next.assigneeID = user.id
                next.queuedSince = nil
            }
        } else if let status = outgoing.dialogueStatus {
            next.status = status
        }
        if !next.memberIDs.contains(user.id) { next.memberIDs.append(user.id) }
        guard let stored = try await store.insertMessage(message, dialogue: next, edits: Self.edits(dialogue, next), actor: Actor(viewer),
                                                         at: clock.now()) else {
            if let key = outgoing.idempotencyKey, let sent = try await store.message(authorID: user.id, idempotencyKey: key) {
                return SendOutcome(message: sent, dialogue: try await store.dialogues(ids: [sent.dialogueID], visibility: visibility).first)
            }
            throw DomainError.conflict("The message could not be stored; send it again.")
        }
        try await store.markRead(dialogueID: dialogue.id, userID: user.id, upTo: stored.id)
        if dialogue.kind == .client { try await inquiries.answered(fromDialogue: dialogue.id) }
        return SendOutcome(message: stored, dialogue: try await store.dialogues(ids: [dialogue.id], visibility: visibility).first)
    }

    /// Starts a conversation with a client through an account: the first message goes to `to`,
    /// or to the contact's (client's) address for the channel — e-mail, phone, messenger handle.
    public func start(_ viewer: Viewer, accountID: Int64, clientID: Int64?, contactID: Int64?, to: String?,
                      _ outgoing: OutgoingMessage) async throws -> SendOutcome {
        let visibility = try await writer(viewer)
        guard let user = viewer.user else { throw DomainError.forbidden("Only users start dialogues.") }
        if let key = outgoing.idempotencyKey, let sent = try await store.message(authorID: user.id, idempotencyKey: key) {
            return SendOutcome(message: sent, dialogue: try await store.dialogues(ids: [sent.dialogueID], visibility: visibility).first)
        }
        var errors = Errors()
        let account = try await store.accounts(ids: [accountID]).first { $0.deletedAt == nil }
        let channel = try await store.channels(ids: account.map { [$0.channelID] } ?? []).first { $0.deletedAt == nil }
        if account == nil || channel == nil { errors.add(["channelAccountId"], "No such channel account.", "NOT_FOUND") }
        else if account?.enabled != true || channel?.enabled != true { errors.add(["channelAccountId"], "The account does not send messages now.", "INVALID_STATE") }
        var contact: Contact?, client: Client?
        if let contactID {
            contact = try await contacts.contacts(ids: [contactID], visibility: visibility.records).first { $0.deletedAt == nil }
            if contact == nil { errors.add(["contactId"], "No such contact.", "NOT_FOUND") }
        }
        if let id = clientID ?? contact?.fields.clientID {
            client = try await clients.clients(ids: [id], visibility: clientID == nil ? .all : visibility.records).first { $0.deletedAt == nil }
            if client == nil, clientID != nil { errors.add(["clientId"], "No such client.", "NOT_FOUND") }
        }
        if contact == nil && client == nil && to == nil { errors.add(["contactId"], "Name the contact, the client or the address to write to.", "REQUIRED") }
        var party = DialogueParty(name: contact?.fields.name ?? client?.fields.name)
        if let kind = channel?.kind {
            let address = Self.trimmed(to, 320) ?? Self.address(for: kind, contact: contact, client: client)
            switch kind {
            case .email:
                if let address, let email = try? EmailAddress(address) { party.email = email.normalized; party.handle = email.normalized }
                else { errors.add(["to"], "Give an e-mail address to write to.", address == nil ? "REQUIRED" : "INVALID_EMAIL") }
            case .viber:
                if let address, let phone = try? PhoneNumber(address) { party.phone = phone.e164; party.handle = phone.e164 }
                else { errors.add(["to"], "Give the phone number to write to.", address == nil ? "REQUIRED" : "INVALID_PHONE") }
            case .telegram, .vk, .vkShop:
                errors.add(["channelAccountId"], "Telegram and VK bots can only answer: the client writes first.", "INVALID")
            case .webChat, .internal:
                errors.add(["channelAccountId"], "A web chat starts from the visitor's side.", "INVALID")
            }
        }
        guard errors.list.isEmpty, let account, let channel else { return SendOutcome(userErrors: errors.list) }
        let draft = Dialogue(kind: .client, channelID: channel.id, accountID: account.id, title: Self.trimmed(outgoing.subject, 998),
                             assigneeID: user.id, clientID: client?.id, contactID: contact?.id, party: party, memberIDs: [user.id])
        // The whole first message is checked before the dialogue is stored.
        var probe = errors
        _ = try await compose(user, dialogue: draft, outgoing, &probe)
        let checked = probe.list.filter { $0.field != ["input", "replyToMessageId"] }
        guard checked.isEmpty else { return SendOutcome(userErrors: checked) }
        guard let dialogue = try await store.insertDialogue(draft, createdBy: user.id, at: clock.now()) else {
            throw DomainError.conflict("The dialogue could not be stored; try again.")
        }
        return try await send(viewer, dialogueID: dialogue.id, outgoing)
    }

    /// The message a user writes, checked: text or attachments (files the viewer sees, uploads
    /// of theirs ready to attach), the reply in the same dialogue, the template one they may use.
    /// Nothing is stored: the uploads are attached by ``attachUploads(_:to:user:)`` once the
    /// whole message is known to be good.
    private func compose(_ user: User, dialogue: Dialogue, _ outgoing: OutgoingMessage, _ errors: inout Errors) async throws -> Message? {
        let text = Self.trimmed(outgoing.text, .max)
        if let text, text.count > 10_000 { errors.add(["text"], "At most 10000 characters.", "TOO_LONG") }
        if text == nil && outgoing.uploadIDs.isEmpty && outgoing.fileIDs.isEmpty { errors.add(["text"], "Write something or attach a file.", "REQUIRED") }
        if let key = outgoing.idempotencyKey, key.isEmpty || key.count > 200 { errors.add(["idempotencyKey"], "1 to 200 characters.", "INVALID") }
        if let template = outgoing.templateID,
           try await templates.answerTemplates(ids: [template], usableBy: user.id).first(where: { $0.deletedAt == nil }) == nil {
            errors.add(["templateId"], "No such answer template.", "NOT_FOUND")
        }
        if let reply = outgoing.replyToID, try await store.messages(ids: [reply]).first?.dialogueID != dialogue.id || dialogue.id == 0 {
            errors.add(["replyToMessageId"], "No such message in this dialogue.", "NOT_FOUND")
        }
        var attachments: [MessageAttachment] = []
        let viewer = Viewer.user(user, sessionID: 0)
        for (i, id) in outgoing.fileIDs.enumerated() {
            if let (file, _) = try await files.download(viewer, id: id) {
                attachments.append(MessageAttachment(kind: MessageAttachment.kind(of: file.contentType), name: file.name, contentType: file.contentType,
                                                     size: file.size, sha256: file.sha256, fileID: file.id))
            } else {
                errors.add(["attachments", String(i), "fileId"], "No such file.", "NOT_FOUND")
            }
        }
        for (i, id) in outgoing.uploadIDs.enumerated() {
            if let problem = try await files.uploadProblem(viewer, uploadID: id) {
                errors.add(["attachments", String(outgoing.fileIDs.count + i), "uploadId"], problem.message, problem.code)
            }
        }
        guard errors.list.isEmpty else { return nil }
        var subject = dialogue.kind == .client ? Self.trimmed(outgoing.subject, 998) : nil
        if subject == nil, dialogue.kind == .client, let thread = dialogue.title {
            // A reply in a mail thread keeps its subject.
            subject = thread.lowercased().hasPrefix("re:") ? thread : "Re: " + thread
        }
        return Message(dialogueID: dialogue.id, direction: dialogue.kind == .client ? .outgoing : .internal, authorKind: .user, authorID: user.id,
                       authorName: user.name, subject: subject, text: text, attachments: attachments, replyToID: outgoing.replyToID,
                       sentAt: clock.now(), delivery: dialogue.kind == .client ? .queued : nil,
                       deliveryChangedAt: dialogue.kind == .client ? clock.now() : nil, templateID: outgoing.templateID,
                       idempotencyKey: outgoing.idempotencyKey)
    }

    /// Attaches checked uploads to the dialogue as its files (which keep their content) and
    /// answers them as the message's attachments.
    private func attachUploads(_ uploadIDs: [Int64], to dialogue: Dialogue, user: User, offset: Int,
                               _ errors: inout Errors) async throws -> [MessageAttachment] {
        var attachments: [MessageAttachment] = []
        for (i, id) in uploadIDs.enumerated() {
            let attached = try await files.attach(.user(user, sessionID: 0), subject: .dialogue(dialogue.id), uploadID: id, name: nil)
            guard let file = attached.file else {
                for error in attached.userErrors { errors.add(["attachments", String(offset + i), "uploadId"], error.message, error.code) }
                continue
            }
            attachments.append(MessageAttachment(kind: MessageAttachment.kind(of: file.contentType), name: file.name, contentType: file.contentType,
                                                 size: file.size, sha256: file.sha256, fileID: file.id))
        }
        return attachments
    }

    // MARK: Handling dialogues

    /// Hands a client dialogue to a colleague (within one's department), or back to the queue.
    public func assign(_ viewer: Viewer, id: Int64, version: Int, assigneeID: Int64?) async throws -> Outcome {
        let (current, _) = try await visibleDialogue(viewer, id, kinds: [.client])
        if let assigneeID {
            let user = try await identity.user(id: assigneeID)
            if user == nil || user?.deletedAt != nil {
                return Outcome(dialogue: current, userErrors: [UserError(field: ["input", "assigneeId"], message: "No such user.", code: "NOT_FOUND")])
            }
            if let allowed = try await Assignment.allowed(viewer, store: identity), !allowed.contains(assigneeID) {
                return Outcome(dialogue: current, userErrors: [UserError(field: ["input", "assigneeId"],
                    message: "You can hand dialogues only to colleagues of your department.", code: "NOT_ALLOWED")])
            }
        }
        var next = current
        next.assigneeID = assigneeID
        next.queuedSince = assigneeID == nil ? (current.queuedSince ?? clock.now()) : nil
        return try await write(current, next, version: version, viewer: viewer)
    }

    public func setStatus(_ viewer: Viewer, id: Int64, version: Int, status: Dialogue.Status) async throws -> Outcome {
        let (current, _) = try await visibleDialogue(viewer, id, kinds: [.client])
        var next = current
        next.status = status
        let outcome = try await write(current, next, version: version, viewer: viewer)
        // A closed dialogue frees its assignee for one from the queue.
        if status == .closed, current.status != .closed, outcome.userErrors.isEmpty { try await assignQueued() }
        return outcome
    }

    /// Links a client dialogue to a client and contact; with `rememberParty`, the party's phone,
    /// e-mail or messenger handle is added to the contact (or client) so later messages match.
    public func match(_ viewer: Viewer, id: Int64, version: Int, clientID: Int64?, contactID: Int64?,
                      rememberParty: Bool) async throws -> Outcome {
        let (current, visibility) = try await visibleDialogue(viewer, id, kinds: [.client])
        var errors = Errors()
        var next = current
        var contact: Contact?
        if let contactID {
            contact = try await contacts.contacts(ids: [contactID], visibility: visibility.records).first { $0.deletedAt == nil }
            if contact == nil { errors.add(["contactId"], "No such contact.", "NOT_FOUND") }
            else if let clientID, contact?.fields.clientID != clientID { errors.add(["contactId"], "This contact does not belong to the client.", "INVALID") }
        }
        if let clientID, try await clients.clients(ids: [clientID], visibility: visibility.records).first(where: { $0.deletedAt == nil }) == nil {
            errors.add(["clientId"], "No such client.", "NOT_FOUND")
        }
        guard errors.list.isEmpty else { return Outcome(dialogue: current, userErrors: errors.list) }
        next.contactID = contactID
        next.clientID = clientID ?? contact?.fields.clientID
        let outcome = try await write(current, next, version: version, viewer: viewer)
        if rememberParty, outcome.userErrors.isEmpty, let party = current.party {
            let channel = try await store.channels(ids: [current.channelID]).first
            try await remember(party, channelKind: channel?.kind, contact: contact, clientID: next.clientID, viewer: viewer)
        }
        return outcome
    }

    /// Adds what identifies the party to the contact (or the client) when it is not there yet.
    private func remember(_ party: DialogueParty, channelKind: Channel.Kind?, contact: Contact?, clientID: Int64?, viewer: Viewer) async throws {
        func merged(_ phones: [PhoneEntry], _ emails: [EmailEntry], _ messengers: [MessengerEntry])
            -> ([PhoneEntry], [EmailEntry], [MessengerEntry]) {
            var (p, e, m) = (phones, emails, messengers)
            if let phone = party.phone, !p.contains(where: { $0.number == phone }) { p.append(PhoneEntry(number: phone, kind: "mobile", primary: p.isEmpty)) }
            if let email = party.email, !e.contains(where: { $0.address.lowercased() == email }) { e.append(EmailEntry(address: email, kind: "personal", primary: e.isEmpty)) }
            if let handle = party.handle, let messenger = channelKind.flatMap(Self.messenger), party.email == nil,
               !m.contains(where: { $0.messenger == messenger && $0.handle.lowercased() == handle.lowercased() }) {
                m.append(MessengerEntry(messenger: messenger, handle: handle))
            }
            return (p, e, m)
        }
        if let contact {
            var fields = contact.fields
            (fields.phones, fields.emails, fields.messengers) = merged(fields.phones, fields.emails, fields.messengers)
            guard fields != contact.fields else { return }
            _ = try await contacts.updateContact(id: contact.id, expectedVersion: nil, fields: fields, deletedAt: contact.deletedAt,
                                                 edits: ContactService.edits(contact.fields, fields), actor: Actor(viewer), at: clock.now())
        } else if let clientID, let client = try await clients.clients(ids: [clientID], visibility: .all).first {
            var fields = client.fields
            (fields.phones, fields.emails, fields.messengers) = merged(fields.phones, fields.emails, fields.messengers)
            guard fields != client.fields else { return }
            _ = try await clients.updateClient(id: client.id, expectedVersion: nil, kind: client.kind, status: client.status,
                                               convertedAt: client.convertedAt, fields: fields, deletedAt: client.deletedAt,
                                               edits: ClientService.edits(client.fields, fields), actor: Actor(viewer), at: clock.now())
        }
    }

    /// Marks the dialogue read by the viewer up to a message (the last one when nil).
    public func markRead(_ viewer: Viewer, id: Int64, upTo messageID: Int64?) async throws -> Outcome {
        let (dialogue, _) = try await visibleDialogue(viewer, id, kinds: Dialogue.Kind.allCases)
        guard let user = viewer.user else { throw DomainError.forbidden("Only users read messages.") }
        let target: Int64?
        if let messageID {
            guard try await store.messages(ids: [messageID]).first?.dialogueID == id else {
                return Outcome(dialogue: dialogue, userErrors: [UserError(field: ["input", "upToMessageId"],
                                                                          message: "No such message in this dialogue.", code: "NOT_FOUND")])
            }
            target = messageID
        } else {
            target = dialogue.lastMessageID
        }
        if let target { try await store.markRead(dialogueID: id, userID: user.id, upTo: target) }
        return Outcome(dialogue: dialogue)
    }

    // MARK: Corporate chat

    /// The direct chat with a colleague, opened on first use.
    public func openDirectChat(_ viewer: Viewer, userID: Int64) async throws -> Outcome {
        _ = try await writer(viewer)
        guard let me = viewer.user else { throw DomainError.forbidden("Only users chat.") }
        guard userID != me.id, let other = try await identity.user(id: userID), other.deletedAt == nil else {
            return Outcome(userErrors: [UserError(field: ["input", "userId"], message: "No such colleague.", code: "NOT_FOUND")])
        }
        let key = "\(min(me.id, userID)):\(max(me.id, userID))"
        if let existing = try await store.directDialogue(key: key) { return Outcome(dialogue: existing) }
        let channel = try await channels.internalChannel()
        let dialogue = Dialogue(kind: .direct, channelID: channel.id, memberIDs: [me.id, userID].sorted())
        if let made = try await store.insertDialogue(dialogue, createdBy: me.id, at: clock.now()) { return Outcome(dialogue: made) }
        return Outcome(dialogue: try await store.directDialogue(key: key))
    }

    public func createGroupChat(_ viewer: Viewer, title: String, memberIDs: [Int64]) async throws -> Outcome {
        _ = try await writer(viewer)
        guard let me = viewer.user else { throw DomainError.forbidden("Only users chat.") }
        var errors = Errors()
        let name = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.add(["title"], "Enter a title.", "REQUIRED") } else if name.count > 200 { errors.add(["title"], "At most 200 characters.", "TOO_LONG") }
        let members = try await liveMembers(memberIDs, path: "memberIds", &errors)
        guard errors.list.isEmpty else { return Outcome(userErrors: errors.list) }
        let channel = try await channels.internalChannel()
        let dialogue = Dialogue(kind: .group, channelID: channel.id, title: name, memberIDs: ([me.id] + members).uniqued())
        return Outcome(dialogue: try await store.insertDialogue(dialogue, createdBy: me.id, at: clock.now()))
    }

    public func updateGroupChat(_ viewer: Viewer, id: Int64, version: Int, title: String?, add: [Int64], remove: [Int64]) async throws -> Outcome {
        let (current, _) = try await visibleDialogue(viewer, id, kinds: [.group])
        var errors = Errors()
        var next = current
        if let title {
            next.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if next.title?.isEmpty != false { errors.add(["title"], "Enter a title.", "REQUIRED") }
        }
        let added = try await liveMembers(add, path: "addMemberIds", &errors)
        next.memberIDs = (current.memberIDs + added).uniqued().filter { !remove.contains($0) }
        if next.memberIDs.isEmpty { errors.add(["removeMemberIds"], "A group chat keeps at least one member.", "INVALID") }
        guard errors.list.isEmpty else { return Outcome(dialogue: current, userErrors: errors.list) }
        return try await write(current, next, version: version, viewer: viewer)
    }

    // MARK: Helpers

    static let everything = DialogueVisibility(records: .all, userID: nil)

    private func writer(_ viewer: Viewer) async throws -> DialogueVisibility {
        DialogueVisibility(records: try await Visibility.ofWriter(viewer, store: identity), userID: viewer.user?.id)
    }

    private func visibleDialogue(_ viewer: Viewer, _ id: Int64, kinds: [Dialogue.Kind]) async throws -> (Dialogue, DialogueVisibility) {
        let visibility = try await writer(viewer)
        guard let dialogue = try await store.dialogues(ids: [id], visibility: visibility).first, dialogue.deletedAt == nil else {
            throw DomainError.notFound("No such dialogue.")
        }
        guard kinds.contains(dialogue.kind) else {
            throw DomainError.invalidState(dialogue.kind == .client ? "This is a client dialogue." : "This is a corporate chat.")
        }
        return (dialogue, visibility)
    }

    private func liveMembers(_ ids: [Int64], path: String, _ errors: inout Errors) async throws -> [Int64] {
        let live = Set(try await identity.users(ids: ids).filter { $0.deletedAt == nil }.map(\.id))
        if let missing = ids.firstIndex(where: { !live.contains($0) }) { errors.add([path, String(missing)], "No such user.", "NOT_FOUND") }
        return ids.uniqued()
    }

    private func write(_ current: Dialogue, _ next: Dialogue, version: Int, viewer: Viewer) async throws -> Outcome {
        let edits = Self.edits(current, next)
        let (dialogue, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                 noun: "dialogue", version: \.version) {
            try await store.updateDialogue(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(dialogue: dialogue, userErrors: errors)
    }

    static func edits(_ a: Dialogue, _ b: Dialogue) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func add(_ name: String, _ old: String?, _ new: String?) { if old != new { edits.append(FieldEdit(name, old: old, new: new)) } }
        add("status", FieldEdit.json(a.status.rawValue), FieldEdit.json(b.status.rawValue))
        add("assigneeId", FieldEdit.json(a.assigneeID), FieldEdit.json(b.assigneeID))
        add("clientId", FieldEdit.json(a.clientID), FieldEdit.json(b.clientID))
        add("contactId", FieldEdit.json(a.contactID), FieldEdit.json(b.contactID))
        add("title", FieldEdit.json(a.title), FieldEdit.json(b.title))
        if Set(a.memberIDs) != Set(b.memberIDs), a.kind != .client {
            add("memberIds", "[" + a.memberIDs.map(String.init).joined(separator: ",") + "]", "[" + b.memberIDs.map(String.init).joined(separator: ",") + "]")
        }
        return edits
    }

    /// The messenger whose handles a channel kind's parties have.
    static func messenger(_ kind: Channel.Kind) -> String? {
        switch kind {
        case .telegram: "telegram"
        case .viber: "viber"
        case .vk, .vkShop: "vk"
        default: nil
        }
    }

    /// Where to write to a contact (or client) through a channel kind.
    static func address(for kind: Channel.Kind, contact: Contact?, client: Client?) -> String? {
        switch kind {
        case .email: return (contact?.fields.emails.first ?? client?.fields.emails.first)?.address
        case .viber: return (contact?.fields.phones.first ?? client?.fields.phones.first)?.number
        default:
            guard let messenger = messenger(kind) else { return nil }
            return ((contact?.fields.messengers ?? []) + (client?.fields.messengers ?? [])).first { $0.messenger == messenger }?.handle
        }
    }

    static func name(of party: DialogueParty) -> String {
        party.name ?? party.handle ?? party.email ?? party.phone ?? "Client"
    }

    /// An inquiry's subject from a client's first message.
    static func subject(of message: Message) -> String {
        let text = message.subject ?? message.text?.split(separator: "\n").first.map(String.init) ?? "Message from \(message.authorName)"
        return text.count > 200 ? String(text.prefix(199)) + "…" : text
    }

    static func trimmed(_ text: String?, _ limit: Int) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t.count > limit ? String(t.prefix(limit)) : t
    }
}
