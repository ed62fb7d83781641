import CRM
import Foundation
import GraphQLEngine

/// Telephony: phone lines and call queues (admins set them up, every reader sees them), and
/// calls with their links, recordings and call-back tasks. Call control (answer, transfer,
/// hang up) and the PBX webhooks arrive with the live issue.
enum TelephonyResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("calls") { _, call in try await calls(call) }
            t.asyncField("phoneLines") { _, call in
                _ = try call.context.requireReader()
                var providers: [TelephonyProvider]?
                if case .array(let values)? = call.arguments["filter"]?["providers"] {
                    providers = RecordInput.strings(values).compactMap { TelephonyProvider(rawValue: $0.lowercased()) }
                }
                let (_, deleted) = SupportResolvers.nameFilter(call.arguments)
                let lines = try await call.context.services.telephonyStore.lines(providers: providers, deleted: deleted)
                return try Connection.page(lines, arguments: call.arguments) { GlobalID.encode("PhoneLine", $0.id) }
            }
            t.asyncField("callQueues") { _, call in
                _ = try call.context.requireReader()
                let (text, deleted) = SupportResolvers.nameFilter(call.arguments)
                let queues = try await call.context.services.telephonyStore.queues(text: text, deleted: deleted)
                return try Connection.page(queues, arguments: call.arguments) { GlobalID.encode("CallQueue", $0.id) }
            }
        }
        bindCall(&b)
        bindConfig(&b)
        bindMutations(&b)
        b.object("Inquiry", as: Inquiry.self) { t in
            t.batchField("call") { inquiries, call in
                let calls = try await callsByID(inquiries.compactMap(\.fields.callID), call.context)
                return inquiries.map { $0.fields.callID.flatMap { calls[$0] } }
            }
        }
        b.object("Task", as: TaskItem.self) { t in
            t.batchField("call") { tasks, call in
                var query = CallQuery()
                query.callbackTaskIDs = tasks.map(\.id)
                query.page.limit = max(1, tasks.count)
                query.page.countsTotal = false
                let visibility = try await call.context.visibility()
                let calls = try await call.context.services.telephonyStore.calls(query, visibility: visibility).items
                let byTask = Dictionary(calls.compactMap { c in c.state.callbackTaskID.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
                return tasks.map { byTask[$0.id] }
            }
        }
        b.object("User", as: User.self) { t in
            t.batchField("onCall") { users, call in
                let busy = try await call.context.services.telephonyStore.usersOnCall(users.map(\.id))
                return users.map { busy.contains($0.id) }
            }
        }
        for name in ["CallConnection", "CallEdge", "CallPayload", "PhoneLineConnection", "PhoneLineEdge", "PhoneLinePayload",
                     "CallQueueConnection", "CallQueueEdge", "CallQueuePayload"] {
            b.mapObject(name)
        }
    }

    static func callsByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: Call] {
        let visibility = try await context.visibility()
        return Dictionary(uniqueKeysWithValues: try await context.services.telephonyStore.calls(ids: Array(Set(ids)), visibility: visibility)
            .map { ($0.id, $0) })
    }

    static func calls(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        var query = CallQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        func enums<T>(_ value: JSONValue?, _ make: (String) -> T?) -> [T]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).compactMap { make($0.lowercased()) }
        }
        if let filter = call.arguments["filter"] {
            if case .string(let number)? = filter["number"] {
                let digits = PhoneNumber.searchDigits(number)
                // A number with no digits matches nothing rather than everything.
                query.numberDigits = digits.isEmpty ? "-" : digits
            }
            query.directions = enums(filter["directions"], Call.Direction.init(rawValue:))
            query.statuses = enums(filter["statuses"], Call.Status.init(rawValue:))
            query.userIDs = ids(filter["userIds"], "User")
            query.clientIDs = ids(filter["clientIds"], "Client")
            query.contactIDs = ids(filter["contactIds"], "Contact")
            query.lineIDs = ids(filter["lineIds"], "PhoneLine")
            query.queueIDs = ids(filter["queueIds"], "CallQueue")
            (query.startedFrom, query.startedTo) = DealResolvers.timeRange(filter["startedAt"])
            if case .bool(let has)? = filter["hasRecording"] { query.hasRecording = has }
        }
        var descending = true
        if let orderBy = call.arguments["orderBy"], case .object = orderBy {
            query.order = RecordInput.string(orderBy["field"] ?? .null) == "DURATION" ? .duration : .startedAt
            descending = orderBy["direction"] != .string("ASC")
        }
        query.page = try KeysetPaging.request(call.arguments, descending: descending, info: call.info)
        let visibility = try await call.context.visibility()
        let page = try await call.context.services.telephonyStore.calls(query, visibility: visibility)
        return KeysetPaging.connection(page, request: query.page) { c in
            RecordCursor(sortValue: query.order == .duration ? String(c.durationSeconds ?? -1) : RFC3339.format(c.state.startedAt), id: c.id)
        }
    }

    static func bindCall(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Call", as: Call.self) { t in
            t.field("id") { c, _ in GlobalID.encode("Call", c.id) }
            t.field("direction") { c, _ in c.state.direction.rawValue.uppercased() }
            t.field("status") { c, _ in c.state.status.rawValue.uppercased() }
            t.field("from", \.state.from)
            t.field("to", \.state.to)
            t.field("fromExtension", \.state.fromExtension)
            t.field("toExtension", \.state.toExtension)
            t.batchField("line") { calls, call in
                let lines = Dictionary(uniqueKeysWithValues: try await call.context.services.telephonyStore
                    .lines(ids: Array(Set(calls.compactMap(\.state.lineID)))).map { ($0.id, $0) })
                return calls.map { $0.state.lineID.flatMap { lines[$0] } }
            }
            t.batchField("queue") { calls, call in
                let queues = Dictionary(uniqueKeysWithValues: try await call.context.services.telephonyStore
                    .queues(ids: Array(Set(calls.compactMap(\.state.queueID)))).map { ($0.id, $0) })
                return calls.map { $0.state.queueID.flatMap { queues[$0] } }
            }
            for (field, key) in [("routedTo", \Call.state.routedToID), ("user", \Call.state.userID)] {
                t.batchField(field) { calls, call in
                    let users = try await IdentityResolvers.usersByID(calls.compactMap { $0[keyPath: key] }, call.context)
                    return calls.map { $0[keyPath: key].flatMap { users[$0] } }
                }
            }
            t.batchField("client") { calls, call in
                let visibility = try await call.context.visibility()
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(calls.compactMap(\.state.clientID))), visibility: visibility).map { ($0.id, $0) })
                return calls.map { $0.state.clientID.flatMap { clients[$0] } }
            }
            t.batchField("contact") { calls, call in
                let visibility = try await call.context.visibility()
                let contacts = Dictionary(uniqueKeysWithValues: try await call.context.services.contactStore
                    .contacts(ids: Array(Set(calls.compactMap(\.state.contactID))), visibility: visibility).map { ($0.id, $0) })
                return calls.map { $0.state.contactID.flatMap { contacts[$0] } }
            }
            t.field("startedAt", \.state.startedAt)
            t.field("answeredAt", \.state.answeredAt)
            t.field("endedAt", \.state.endedAt)
            t.field("durationSeconds", \.durationSeconds)
            t.field("waitSeconds", \.waitSeconds)
            t.field("recordingUrl") { c, _ in c.hasRecording ? "/calls/\(GlobalID.encode("Call", c.id))/recording" : nil }
            t.field("provider") { c, _ in c.state.provider.rawValue.uppercased() }
            t.field("providerCallId", \.state.providerCallID)
            t.field("failureReason", \.state.failureReason)
            t.batchField("callbackTask") { calls, call in
                let visibility = try await call.context.visibility()
                let tasks = Dictionary(uniqueKeysWithValues: try await call.context.services.taskStore
                    .tasks(ids: Array(Set(calls.compactMap(\.state.callbackTaskID))), visibility: visibility).map { ($0.id, $0) })
                return calls.map { $0.state.callbackTaskID.flatMap { tasks[$0] } }
            }
            t.batchField("inquiry") { calls, call in
                var query = InquiryQuery()
                query.callIDs = calls.map(\.id)
                query.page.limit = 100
                query.page.countsTotal = false
                query.order = .createdAt
                let visibility = try await call.context.visibility()
                let inquiries = try await call.context.services.supportStore.inquiries(query, visibility: visibility).items
                // The first inquiry registered for each call.
                let byCall = Dictionary(inquiries.compactMap { i in i.fields.callID.map { ($0, i) } }, uniquingKeysWith: { a, b in a.id < b.id ? a : b })
                return calls.map { byCall[$0.id] }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { calls, call in try await IdentityResolvers.actors(calls.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { c, call in try await IdentityResolvers.history("Call", c.id, call) }
        }
    }

    static func bindConfig(_ b: inout SchemaBindings<RequestContext>) {
        b.object("PhoneLine", as: PhoneLine.self) { t in
            t.field("id") { l, _ in GlobalID.encode("PhoneLine", l.id) }
            t.field("name", \.name)
            t.field("number", \.number)
            t.field("provider") { l, _ in l.provider.rawValue.uppercased() }
            t.field("enabled", \.enabled)
            t.batchField("queue") { lines, call in
                let queues = Dictionary(uniqueKeysWithValues: try await call.context.services.telephonyStore
                    .queues(ids: Array(Set(lines.compactMap(\.queueID)))).map { ($0.id, $0) })
                return lines.map { $0.queueID.flatMap { queues[$0] } }
            }
            t.field("webhookUrl") { l, call in "\(call.context.services.publicURL)/hooks/telephony/\(GlobalID.encode("PhoneLine", l.id))" }
            t.field("settings") { l, _ in (try? JSONParser.parse(l.settings)) ?? JSONValue.object([]) }
            t.field("credentialKeys", \.credentials.keys)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { lines, call in try await IdentityResolvers.actors(lines.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { l, call in try await IdentityResolvers.history("PhoneLine", l.id, call) }
        }
        b.object("CallQueue", as: CallQueue.self) { t in
            t.field("id") { q, _ in GlobalID.encode("CallQueue", q.id) }
            t.field("name", \.name)
            t.batchField("members") { queues, call in
                let users = try await IdentityResolvers.usersByID(queues.flatMap(\.memberIDs), call.context)
                return queues.map { $0.memberIDs.compactMap { users[$0] } }
            }
            t.field("ringTimeoutSeconds", \.ringTimeoutSeconds)
            t.batchField("callbackAssignee") { queues, call in
                let users = try await IdentityResolvers.usersByID(queues.compactMap(\.callbackAssigneeID), call.context)
                return queues.map { $0.callbackAssigneeID.flatMap { users[$0] } }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { queues, call in try await IdentityResolvers.actors(queues.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { q, call in try await IdentityResolvers.history("CallQueue", q.id, call) }
        }
    }

    static func lineChanges(_ input: JSONValue?) throws -> PhoneLineChanges {
        var changes = PhoneLineChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "number": changes.number = RecordInput.string(value) ?? ""
            case "provider": changes.provider = RecordInput.string(value).flatMap { TelephonyProvider(rawValue: $0.lowercased()) }
            case "enabled": if case .bool(let enabled) = value { changes.enabled = enabled }
            case "queueId": changes.queueID = .set(value == .null ? nil : RecordInput.id(value, of: "CallQueue") ?? -1)
            case "settings": changes.settings = try RecordInput.jsonObject(value, "settings")
            case "credentials": changes.credentials = try credentialsPatch(value)
            default: break
            }
        }
        return changes
    }

    /// A `credentials` argument: a JSON object of strings (null removes a secret); nil for null.
    static func credentialsPatch(_ value: JSONValue) throws -> [String: String?]? {
        if value == .null { return nil }
        guard case .object(let secrets) = value else { throw ResolverError("credentials must be a JSON object of strings.", code: "BAD_USER_INPUT") }
        var patch: [String: String?] = [:]
        for secret in secrets {
            switch secret.value {
            case .string(let text): patch[secret.key] = text
            case .null: patch[secret.key] = .some(nil)
            default: throw ResolverError("credentials must be a JSON object of strings.", code: "BAD_USER_INPUT")
            }
        }
        return patch
    }

    static func queueChanges(_ input: JSONValue?) -> CallQueueChanges {
        var changes = CallQueueChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "memberIds": changes.memberIDs = RecordInput.strings(RecordInput.array(value)).map { GlobalID.id($0, of: "User") ?? -1 }
            case "ringTimeoutSeconds": changes.ringTimeoutSeconds = RecordInput.int(value)
            case "callbackAssigneeId": changes.callbackAssigneeID = .set(value == .null ? nil : RecordInput.id(value, of: "User") ?? -1)
            default: break
            }
        }
        return changes
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createPhoneLine") { _, call in
                let changes = try lineChanges(call.arguments["input"])
                return try await MutationPayload.run("phoneLine") { try await call.context.services.telephony.createLine(call.context.viewer, changes) }
            }
            t.asyncField("updatePhoneLine") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "PhoneLine", noun: "phone line"), RecordInput.requiredVersion(raw))
                let changes = try lineChanges(raw)
                return try await MutationPayload.run("phoneLine") {
                    try await call.context.services.telephony.updateLine(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "PhoneLine", noun: "phone line") { call, id, version, deleting in
                try await MutationPayload.run("phoneLine") {
                    try await call.context.services.telephony.setLineDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("createCallQueue") { _, call in
                var changes = queueChanges(call.arguments["input"])
                changes.ringTimeoutSeconds = changes.ringTimeoutSeconds ?? 20
                let final = changes
                return try await MutationPayload.run("callQueue") { try await call.context.services.telephony.createQueue(call.context.viewer, final) }
            }
            t.asyncField("updateCallQueue") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "CallQueue", noun: "call queue"), RecordInput.requiredVersion(raw))
                let changes = queueChanges(raw)
                return try await MutationPayload.run("callQueue") {
                    try await call.context.services.telephony.updateQueue(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "CallQueue", noun: "call queue") { call, id, version, deleting in
                try await MutationPayload.run("callQueue") {
                    try await call.context.services.telephony.setQueueDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            for name in ["answerCall", "transferCall", "hangUpCall"] {
                t.asyncField(name) { _, call in
                    let raw = call.arguments["input"]
                    let id = try RecordInput.recordID(raw, "Call", noun: "call")
                    let request: ControlRequest
                    switch name {
                    case "answerCall": request = .answer(extension: (raw?["extension"]).flatMap(RecordInput.string))
                    case "hangUpCall": request = .hangUp
                    default:
                        let to = raw?["to"]
                        if let user = to?["userId"], user != .null { request = .transferToUser(RecordInput.id(user, of: "User") ?? -1) }
                        else if let queue = to?["queueId"], queue != .null { request = .transferToQueue(RecordInput.id(queue, of: "CallQueue") ?? -1) }
                        else if case .string(let ext)? = to?["extension"] { request = .transferToExtension(ext) }
                        else if case .string(let number)? = to?["phoneNumber"] { request = .transferToNumber(number) }
                        else { throw ResolverError("Say where to transfer the call.", code: "BAD_USER_INPUT") }
                    }
                    return try await MutationPayload.run("call") {
                        try await call.context.services.calls.control(call.context.viewer, callID: id, request)
                    }
                }
            }
            t.asyncField("updateCall") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Call", noun: "call"), RecordInput.requiredVersion(raw))
                var client: Change<Int64?> = .keep, contact: Change<Int64?> = .keep
                if let value = raw?["clientId"] { client = .set(value == .null ? nil : RecordInput.id(value, of: "Client") ?? -1) }
                if let value = raw?["contactId"] { contact = .set(value == .null ? nil : RecordInput.id(value, of: "Contact") ?? -1) }
                return try await MutationPayload.run("call") {
                    try await call.context.services.calls.update(call.context.viewer, id: id, version: version, clientID: client, contactID: contact)
                }
            }
        }
    }
}

extension TelephonyConfigService.LineOutcome: RecordOutcome {
    var record: (any Sendable)? { line }
}

extension TelephonyConfigService.QueueOutcome: RecordOutcome {
    var record: (any Sendable)? { queue }
}

extension CallService.Outcome: RecordOutcome {
    var record: (any Sendable)? { call }
}
