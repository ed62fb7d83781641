import CRM
import Foundation
import GraphQLEngine

/// Messaging: channels and their accounts (admins set them up), dialogues with clients and
/// corporate chats, their messages, and the mutations users write with.
enum MessagingResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("channels") { _, call in
                _ = try call.context.requireReader()
                let filter = call.arguments["filter"]
                var kinds: [Channel.Kind]?
                if case .array(let values)? = filter?["kinds"] { kinds = RecordInput.strings(values).compactMap { Channel.Kind(rawValue: $0.lowercased()) } }
                var enabled: Bool?
                if case .bool(let flag)? = filter?["enabled"] { enabled = flag }
                let (_, deleted) = SupportResolvers.nameFilter(call.arguments)
                let channels = try await call.context.services.messagingStore.channels(kinds: kinds, enabled: enabled, deleted: deleted)
                return try Connection.page(channels, arguments: call.arguments) { GlobalID.encode("Channel", $0.id) }
            }
            t.asyncField("dialogues") { _, call in try await dialogues(call) }
        }
        bindChannels(&b)
        bindDialogue(&b)
        bindMessage(&b)
        bindMutations(&b)
        b.object("User", as: User.self) { t in
            t.batchField("openDialogueCount") { users, call in
                let counts = try await call.context.services.messagingStore.openDialogueCounts(channelID: nil, userIDs: users.map(\.id))
                return users.map { counts[$0.id, default: 0] }
            }
        }
        b.object("Task", as: TaskItem.self) { t in
            t.batchField("dialogue") { tasks, call in
                let dialogues = try await dialoguesByID(tasks.compactMap(\.fields.dialogueID), call.context)
                return tasks.map { $0.fields.dialogueID.flatMap { dialogues[$0] } }
            }
        }
        b.object("Inquiry", as: Inquiry.self) { t in
            t.batchField("dialogue") { inquiries, call in
                let dialogues = try await dialoguesByID(inquiries.compactMap(\.fields.dialogueID), call.context)
                return inquiries.map { $0.fields.dialogueID.flatMap { dialogues[$0] } }
            }
            t.batchField("channel") { inquiries, call in
                let dialogues = try await dialoguesByID(inquiries.compactMap(\.fields.dialogueID), call.context)
                let channels = try await channelsByID(dialogues.values.map(\.channelID), call.context)
                return inquiries.map { $0.fields.dialogueID.flatMap { dialogues[$0] }.flatMap { channels[$0.channelID] } }
            }
        }
        for name in ["ChannelConnection", "ChannelEdge", "ChannelPayload", "ChannelAccountPayload", "DialogueConnection", "DialogueEdge",
                     "DialoguePayload", "DialogueParty", "MessageConnection", "MessageEdge", "MessageAttachment", "SendMessagePayload"] {
            b.mapObject(name)
        }
    }

    static func visibility(_ context: RequestContext) async throws -> DialogueVisibility {
        DialogueVisibility(records: try await context.visibility(), userID: context.viewer.user?.id)
    }

    static func dialoguesByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: Dialogue] {
        Dictionary(uniqueKeysWithValues: try await context.services.messagingStore
            .dialogues(ids: Array(Set(ids)), visibility: try await visibility(context)).map { ($0.id, $0) })
    }

    static func channelsByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: Channel] {
        Dictionary(uniqueKeysWithValues: try await context.services.messagingStore.channels(ids: Array(Set(ids))).map { ($0.id, $0) })
    }

    static func dialogues(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        var query = DialogueQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        func enums<T>(_ value: JSONValue?, _ make: (String) -> T?) -> [T]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).compactMap { make($0.lowercased()) }
        }
        if let filter = call.arguments["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            query.kinds = enums(filter["kinds"], Dialogue.Kind.init(rawValue:))
            query.statuses = enums(filter["statuses"], Dialogue.Status.init(rawValue:))
            query.channelIDs = ids(filter["channelIds"], "Channel")
            query.channelKinds = enums(filter["channelKinds"], Channel.Kind.init(rawValue:))
            query.assigneeIDs = ids(filter["assigneeIds"], "User")
            query.clientIDs = ids(filter["clientIds"], "Client")
            query.contactIDs = ids(filter["contactIds"], "Contact")
            if case .bool(let flag)? = filter["unassigned"] { query.unassigned = flag }
            if case .bool(let flag)? = filter["unmatched"] { query.unmatched = flag }
            if case .bool(let flag)? = filter["hasUnread"] {
                query.hasUnread = flag
                query.reader = call.context.viewer.user?.id ?? 0
            }
            (query.lastFrom, query.lastTo) = DealResolvers.timeRange(filter["lastMessageAt"])
        }
        var descending = true
        if let orderBy = call.arguments["orderBy"], case .object = orderBy {
            query.order = switch RecordInput.string(orderBy["field"] ?? .null) {
            case "CREATED_AT": .createdAt
            case "QUEUED_SINCE": .queuedSince
            default: .lastMessageAt
            }
            descending = orderBy["direction"] != .string("ASC")
        }
        query.page = try KeysetPaging.request(call.arguments, descending: descending, info: call.info)
        let page = try await call.context.services.messagingStore.dialogues(query, visibility: try await visibility(call.context))
        return KeysetPaging.connection(page, request: query.page) { d in
            let value: String = switch query.order {
            case .lastMessageAt: RFC3339.format(d.lastMessageAt ?? d.createdAt)
            case .createdAt: RFC3339.format(d.createdAt)
            case .queuedSince: d.queuedSince.map(RFC3339.format) ?? (query.page.descending ? "0000" : "9999")
            }
            return RecordCursor(sortValue: value, id: d.id)
        }
    }

    static func bindChannels(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Channel", as: Channel.self) { t in
            t.field("id") { c, _ in GlobalID.encode("Channel", c.id) }
            t.field("name", \.name)
            t.field("kind") { c, _ in c.kind.rawValue.uppercased() }
            t.field("enabled", \.enabled)
            t.batchField("accounts") { channels, call in
                let accounts = Dictionary(grouping: try await call.context.services.messagingStore.accounts(channelIDs: channels.map(\.id)), by: \.channelID)
                return channels.map { accounts[$0.id] ?? [] }
            }
            t.batchField("operators") { channels, call in
                let users = try await IdentityResolvers.usersByID(channels.flatMap(\.operatorIDs), call.context)
                return channels.map { $0.operatorIDs.compactMap { users[$0] } }
            }
            t.field("autoAssign", \.autoAssign)
            t.field("maxOpenDialoguesPerOperator", \.maxOpenPerOperator)
            t.field("createInquiries", \.createInquiries)
            t.batchField("slaPolicy") { channels, call in
                let policies = Dictionary(uniqueKeysWithValues: try await call.context.services.supportStore
                    .policies(ids: Array(Set(channels.compactMap(\.slaPolicyID)))).map { ($0.id, $0) })
                return channels.map { $0.slaPolicyID.flatMap { policies[$0] } }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { channels, call in try await IdentityResolvers.actors(channels.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { c, call in try await IdentityResolvers.history("Channel", c.id, call) }
        }
        b.object("ChannelAccount", as: ChannelAccount.self) { t in
            t.field("id") { a, _ in GlobalID.encode("ChannelAccount", a.id) }
            t.batchField("channel") { accounts, call in
                let channels = try await channelsByID(accounts.map(\.channelID), call.context)
                return accounts.map { channels[$0.channelID] }
            }
            t.field("name", \.name)
            t.field("externalId", \.externalID)
            t.field("enabled", \.enabled)
            t.field("status") { a, _ in a.status.rawValue.uppercased() }
            t.field("lastError", \.lastError)
            t.field("lastEventAt", \.lastEventAt)
            t.batchField("webhookUrl") { accounts, call in
                let channels = try await channelsByID(accounts.map(\.channelID), call.context)
                return accounts.map { account -> String? in
                    // Where the messengers with a webhook endpoint post (a VK shop is a VK community).
                    let paths: [Channel.Kind: String] = [.telegram: "telegram", .vk: "vk", .vkShop: "vk", .viber: "viber"]
                    guard let kind = channels[account.channelID]?.kind, let path = paths[kind] else { return nil }
                    return "\(call.context.services.publicURL)/hooks/\(path)/\(GlobalID.encode("ChannelAccount", account.id))"
                }
            }
            t.field("settings") { a, _ in (try? JSONParser.parse(a.settings)) ?? JSONValue.object([]) }
            t.field("credentialKeys", \.credentials.keys)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { accounts, call in try await IdentityResolvers.actors(accounts.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { a, call in try await IdentityResolvers.history("ChannelAccount", a.id, call) }
        }
    }

    static func bindDialogue(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Dialogue", as: Dialogue.self) { t in
            t.field("id") { d, _ in GlobalID.encode("Dialogue", d.id) }
            t.field("kind") { d, _ in d.kind.rawValue.uppercased() }
            t.batchField("channel") { dialogues, call in
                let channels = try await channelsByID(dialogues.map(\.channelID), call.context)
                return dialogues.map { channels[$0.channelID] }
            }
            t.batchField("channelAccount") { dialogues, call in
                let accounts = Dictionary(uniqueKeysWithValues: try await call.context.services.messagingStore
                    .accounts(ids: Array(Set(dialogues.compactMap(\.accountID)))).map { ($0.id, $0) })
                return dialogues.map { $0.accountID.flatMap { accounts[$0] } }
            }
            t.field("externalId", \.externalID)
            t.field("title", \.title)
            t.field("status") { d, _ in d.status.rawValue.uppercased() }
            t.batchField("assignee") { dialogues, call in
                let users = try await IdentityResolvers.usersByID(dialogues.compactMap(\.assigneeID), call.context)
                return dialogues.map { $0.assigneeID.flatMap { users[$0] } }
            }
            t.field("queuedSince", \.queuedSince)
            t.batchField("client") { dialogues, call in
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(dialogues.compactMap(\.clientID))), visibility: try await call.context.visibility()).map { ($0.id, $0) })
                return dialogues.map { $0.clientID.flatMap { clients[$0] } }
            }
            t.batchField("contact") { dialogues, call in
                let contacts = Dictionary(uniqueKeysWithValues: try await call.context.services.contactStore
                    .contacts(ids: Array(Set(dialogues.compactMap(\.contactID))), visibility: try await call.context.visibility()).map { ($0.id, $0) })
                return dialogues.map { $0.contactID.flatMap { contacts[$0] } }
            }
            t.field("party") { d, _ in
                d.party.map { ["name": $0.name, "handle": $0.handle, "phone": $0.phone, "email": $0.email] as [String: (any Sendable)?] }
            }
            t.batchField("members") { dialogues, call in
                let users = try await IdentityResolvers.usersByID(dialogues.flatMap(\.memberIDs), call.context)
                return dialogues.map { $0.memberIDs.compactMap { users[$0] } }
            }
            t.batchField("unreadCount") { dialogues, call in
                guard let user = call.context.viewer.user else { return dialogues.map { _ in 0 } }
                let counts = try await call.context.services.messagingStore.unreadCounts(dialogueIDs: dialogues.map(\.id), userID: user.id)
                return dialogues.map { counts[$0.id, default: 0] }
            }
            t.field("lastMessageAt", \.lastMessageAt)
            t.batchField("lastMessage") { dialogues, call in
                let messages = Dictionary(uniqueKeysWithValues: try await call.context.services.messagingStore
                    .messages(ids: dialogues.compactMap(\.lastMessageID)).map { ($0.id, $0) })
                return dialogues.map { $0.lastMessageID.flatMap { messages[$0] } }
            }
            t.batchField("messages") { dialogues, call in
                var page = try KeysetPaging.request(call.arguments, descending: false, info: call.info)
                page.descending = false
                let pages = try await call.context.services.messagingStore.messages(dialogueIDs: dialogues.map(\.id), page: page)
                return dialogues.map { d in
                    KeysetPaging.connection(pages[d.id] ?? Page(items: [], totalCount: 0, hasMore: false), request: page) {
                        RecordCursor(sortValue: String($0.id), id: $0.id)
                    }
                }
            }
            t.batchField("inquiry") { dialogues, call in
                var query = InquiryQuery()
                query.dialogueIDs = dialogues.map(\.id)
                query.page.limit = 100
                query.page.countsTotal = false
                let inquiries = try await call.context.services.supportStore.inquiries(query, visibility: try await call.context.visibility()).items
                let byDialogue = Dictionary(inquiries.compactMap { i in i.fields.dialogueID.map { ($0, i) } }, uniquingKeysWith: { a, b in a.id < b.id ? a : b })
                return dialogues.map { byDialogue[$0.id] }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { dialogues, call in try await IdentityResolvers.actors(dialogues.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { d, call in try await IdentityResolvers.history("Dialogue", d.id, call) }
        }
    }

    static func bindMessage(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Message", as: Message.self) { t in
            t.field("id") { m, _ in GlobalID.encode("Message", m.id) }
            t.batchField("dialogue") { messages, call in
                // A message is only reached through a dialogue the viewer sees.
                let dialogues = try await dialoguesByID(messages.map(\.dialogueID), call.context)
                return messages.map { dialogues[$0.dialogueID] }
            }
            t.field("direction") { m, _ in m.direction.rawValue.uppercased() }
            t.field("authorKind") { m, _ in m.authorKind.rawValue.uppercased() }
            t.batchField("author") { messages, call in
                let users = try await IdentityResolvers.usersByID(messages.compactMap(\.authorID), call.context)
                return messages.map { $0.authorID.flatMap { users[$0] } }
            }
            t.field("authorName", \.authorName)
            t.field("subject", \.subject)
            t.field("text", \.text)
            t.field("html", \.html)
            t.field("attachments") { m, _ in
                m.attachments.map { a in
                    ["kind": a.kind.rawValue.uppercased(), "name": a.name, "contentType": a.contentType, "size": a.size,
                     "url": a.fileID.map { "/files/\(GlobalID.encode("File", $0))" } ?? a.sourceURL ?? ""] as [String: (any Sendable)?]
                }
            }
            t.batchField("replyTo") { messages, call in
                let replies = Dictionary(uniqueKeysWithValues: try await call.context.services.messagingStore
                    .messages(ids: messages.compactMap(\.replyToID)).map { ($0.id, $0) })
                return messages.map { $0.replyToID.flatMap { replies[$0] } }
            }
            t.field("externalId", \.externalID)
            t.field("sentAt", \.sentAt)
            t.field("createdAt", \.createdAt)
            t.field("deliveryStatus") { m, _ in m.delivery?.rawValue.uppercased() }
            t.field("deliveryStatusChangedAt", \.deliveryChangedAt)
            t.field("failureReason", \.failureReason)
            t.batchField("template") { messages, call in
                let templates = Dictionary(uniqueKeysWithValues: try await call.context.services.answerTemplateStore
                    .answerTemplates(ids: Array(Set(messages.compactMap(\.templateID))), usableBy: call.context.viewer.user?.id).map { ($0.id, $0) })
                return messages.map { $0.templateID.flatMap { templates[$0] } }
            }
        }
    }

    // MARK: Mutations

    static func sendPayload(_ body: () async throws -> DialogueService.SendOutcome) async throws -> [String: any Sendable] {
        do {
            let outcome = try await body()
            return IdentityResolvers.payload(["message": outcome.message, "dialogue": outcome.dialogue,
                                              "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable]])
        } catch let error as DomainError {
            return try IdentityResolvers.failure(error)
        }
    }

    static func outgoing(_ input: JSONValue?) -> OutgoingMessage {
        var message = OutgoingMessage(text: (input?["text"]).flatMap(RecordInput.string))
        message.subject = (input?["subject"]).flatMap(RecordInput.string)
        for attachment in RecordInput.array(input?["attachments"] ?? .null) {
            if case .string(let id)? = attachment["uploadId"] { message.uploadIDs.append(GlobalID.id(id, of: "FileUpload") ?? -1) }
            if case .string(let id)? = attachment["fileId"] { message.fileIDs.append(GlobalID.id(id, of: "File") ?? -1) }
        }
        message.replyToID = (input?["replyToMessageId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Message") ?? -1 }
        message.templateID = (input?["templateId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "AnswerTemplate") ?? -1 }
        message.dialogueStatus = (input?["dialogueStatus"]).flatMap(RecordInput.string).flatMap { Dialogue.Status(rawValue: $0.lowercased()) }
        message.idempotencyKey = (input?["idempotencyKey"]).flatMap(RecordInput.string)
        return message
    }

    static func channelChanges(_ input: JSONValue?) -> ChannelChanges {
        var changes = ChannelChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "kind": changes.kind = RecordInput.string(value).flatMap { Channel.Kind(rawValue: $0.lowercased()) }
            case "enabled": if case .bool(let flag) = value { changes.enabled = flag }
            case "operatorIds": if value != .null { changes.operatorIDs = RecordInput.strings(RecordInput.array(value)).map { GlobalID.id($0, of: "User") ?? -1 } }
            case "autoAssign": if case .bool(let flag) = value { changes.autoAssign = flag }
            case "maxOpenDialoguesPerOperator": changes.maxOpenPerOperator = .set(RecordInput.int(value))
            case "createInquiries": if case .bool(let flag) = value { changes.createInquiries = flag }
            case "slaPolicyId": changes.slaPolicyID = .set(value == .null ? nil : RecordInput.id(value, of: "SlaPolicy") ?? -1)
            default: break
            }
        }
        return changes
    }

    static func accountChanges(_ input: JSONValue?) throws -> ChannelAccountChanges {
        var changes = ChannelAccountChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "externalId": changes.externalID = .set(RecordInput.string(value))
            case "enabled": if case .bool(let flag) = value { changes.enabled = flag }
            case "settings": changes.settings = try RecordInput.jsonObject(value, "settings")
            case "credentials": changes.credentials = try TelephonyResolvers.credentialsPatch(value)
            default: break
            }
        }
        return changes
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createChannel") { _, call in
                let changes = channelChanges(call.arguments["input"])
                return try await MutationPayload.run("channel") { try await call.context.services.channels.create(call.context.viewer, changes) }
            }
            t.asyncField("updateChannel") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Channel", noun: "channel"), RecordInput.requiredVersion(raw))
                var changes = channelChanges(raw)
                changes.kind = nil
                let final = changes
                return try await MutationPayload.run("channel") { try await call.context.services.channels.update(call.context.viewer, id: id, version: version, final) }
            }
            MutationPayload.bindDeleteRestore(&t, "Channel", noun: "channel") { call, id, version, deleting in
                try await MutationPayload.run("channel") {
                    try await call.context.services.channels.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("createChannelAccount") { _, call in
                let raw = call.arguments["input"]
                let channel = (raw?["channelId"]).flatMap { RecordInput.id($0, of: "Channel") } ?? -1
                let changes = try accountChanges(raw)
                return try await MutationPayload.run("channelAccount") {
                    try await call.context.services.channels.createAccount(call.context.viewer, channelID: channel, changes)
                }
            }
            t.asyncField("updateChannelAccount") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "ChannelAccount", noun: "channel account"), RecordInput.requiredVersion(raw))
                let changes = try accountChanges(raw)
                return try await MutationPayload.run("channelAccount") {
                    try await call.context.services.channels.updateAccount(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "ChannelAccount", noun: "channel account") { call, id, version, deleting in
                try await MutationPayload.run("channelAccount") {
                    try await call.context.services.channels.setAccountDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("sendMessage") { _, call in
                let raw = call.arguments["input"]
                let dialogue = try RecordInput.recordID(raw, "Dialogue", noun: "dialogue", key: "dialogueId")
                let message = outgoing(raw)
                return try await sendPayload { try await call.context.services.dialogues.send(call.context.viewer, dialogueID: dialogue, message) }
            }
            t.asyncField("startDialogue") { _, call in
                let raw = call.arguments["input"]
                let account = (raw?["channelAccountId"]).flatMap { RecordInput.id($0, of: "ChannelAccount") } ?? -1
                let contact = (raw?["contactId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Contact") ?? -1 }
                let client = (raw?["clientId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Client") ?? -1 }
                let to = (raw?["to"]).flatMap(RecordInput.string)
                let message = outgoing(raw)
                return try await sendPayload {
                    try await call.context.services.dialogues.start(call.context.viewer, accountID: account, clientID: client, contactID: contact,
                                                                    to: to, message)
                }
            }
            t.asyncField("assignDialogue") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Dialogue", noun: "dialogue"), RecordInput.requiredVersion(raw))
                let assignee = (raw?["assigneeId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "User") ?? -1 }
                return try await MutationPayload.run("dialogue") {
                    try await call.context.services.dialogues.assign(call.context.viewer, id: id, version: version, assigneeID: assignee)
                }
            }
            t.asyncField("setDialogueStatus") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Dialogue", noun: "dialogue"), RecordInput.requiredVersion(raw))
                guard let status = (raw?["status"]).flatMap(RecordInput.string).flatMap({ Dialogue.Status(rawValue: $0.lowercased()) }) else {
                    throw ResolverError("status is required.", code: "BAD_USER_INPUT")
                }
                return try await MutationPayload.run("dialogue") {
                    try await call.context.services.dialogues.setStatus(call.context.viewer, id: id, version: version, status: status)
                }
            }
            t.asyncField("matchDialogue") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Dialogue", noun: "dialogue"), RecordInput.requiredVersion(raw))
                let client = (raw?["clientId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Client") ?? -1 }
                let contact = (raw?["contactId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Contact") ?? -1 }
                let remember = raw?["rememberParty"] != .bool(false)
                return try await MutationPayload.run("dialogue") {
                    try await call.context.services.dialogues.match(call.context.viewer, id: id, version: version, clientID: client,
                                                                    contactID: contact, rememberParty: remember)
                }
            }
            t.asyncField("markDialogueRead") { _, call in
                let raw = call.arguments["input"]
                let id = try RecordInput.recordID(raw, "Dialogue", noun: "dialogue")
                let upTo = (raw?["upToMessageId"]).flatMap { $0 == .null ? nil : RecordInput.id($0, of: "Message") ?? -1 }
                return try await MutationPayload.run("dialogue") { try await call.context.services.dialogues.markRead(call.context.viewer, id: id, upTo: upTo) }
            }
            t.asyncField("openDirectChat") { _, call in
                let user = (call.arguments["input"]?["userId"]).flatMap { RecordInput.id($0, of: "User") } ?? -1
                return try await MutationPayload.run("dialogue") { try await call.context.services.dialogues.openDirectChat(call.context.viewer, userID: user) }
            }
            t.asyncField("createGroupChat") { _, call in
                let raw = call.arguments["input"]
                let title = RecordInput.string(raw?["title"] ?? .null) ?? ""
                let members = RecordInput.strings(RecordInput.array(raw?["memberIds"] ?? .null)).map { GlobalID.id($0, of: "User") ?? -1 }
                return try await MutationPayload.run("dialogue") {
                    try await call.context.services.dialogues.createGroupChat(call.context.viewer, title: title, memberIDs: members)
                }
            }
            t.asyncField("updateGroupChat") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Dialogue", noun: "dialogue"), RecordInput.requiredVersion(raw))
                let title = (raw?["title"]).flatMap(RecordInput.string)
                let add = RecordInput.strings(RecordInput.array(raw?["addMemberIds"] ?? .null)).map { GlobalID.id($0, of: "User") ?? -1 }
                let remove = RecordInput.strings(RecordInput.array(raw?["removeMemberIds"] ?? .null)).map { GlobalID.id($0, of: "User") ?? -1 }
                return try await MutationPayload.run("dialogue") {
                    try await call.context.services.dialogues.updateGroupChat(call.context.viewer, id: id, version: version, title: title, add: add,
                                                                              remove: remove)
                }
            }
        }
    }
}

extension ChannelService.Outcome: RecordOutcome {
    var record: (any Sendable)? { channel }
}

extension ChannelService.AccountOutcome: RecordOutcome {
    var record: (any Sendable)? { account }
}

extension DialogueService.Outcome: RecordOutcome {
    var record: (any Sendable)? { dialogue }
}
