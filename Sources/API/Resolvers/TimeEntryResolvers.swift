import CRM
import Foundation
import GraphQLEngine

/// Time tracking: entries, their totals per user, inquiry, client or date, and the minutes of an
/// inquiry and of a client.
enum TimeEntryResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("timeEntries") { _, call in
                _ = try call.context.requireReader()
                var query = try self.query(call.arguments)
                var descending = true
                if let orderBy = call.arguments["orderBy"], case .object = orderBy {
                    query.order = RecordInput.string(orderBy["field"] ?? .null) == "CREATED_AT" ? .createdAt : .date
                    descending = orderBy["direction"] != .string("ASC")
                }
                query.page = try KeysetPaging.request(call.arguments, descending: descending, info: call.info)
                let visibility = try await call.context.visibility()
                let page = try await call.context.services.timeEntryStore.timeEntries(query, visibility: visibility)
                return KeysetPaging.connection(page, request: query.page) { e in
                    RecordCursor(sortValue: query.order == .date ? e.date : RFC3339.format(e.createdAt), id: e.id)
                }
            }
            t.asyncField("timeTotals") { _, call in
                _ = try call.context.requireReader()
                let query = try self.query(call.arguments)
                let grouping: TimeEntryQuery.Grouping = switch call.arguments.string("groupBy") {
                case "USER": .user
                case "INQUIRY": .inquiry
                case "CLIENT": .client
                default: .date
                }
                let services = call.context.services
                let visibility = try await call.context.visibility()
                let totals = try await services.timeEntryStore.timeTotals(query, groupedBy: grouping, visibility: visibility)
                let ids = totals.compactMap { Int64($0.key) }
                var records: [String: any Sendable] = [:]
                switch grouping {
                case .user: for u in try await services.identity.users(ids: ids) { records[String(u.id)] = u }
                case .inquiry: for i in try await services.supportStore.inquiries(ids: ids, visibility: visibility) { records[String(i.id)] = i }
                case .client: for c in try await services.clientStore.clients(ids: ids, visibility: visibility) { records[String(c.id)] = c }
                case .date: break
                }
                let field = switch grouping {
                case .user: "user"
                case .inquiry: "inquiry"
                case .client: "client"
                case .date: "date"
                }
                return totals.compactMap { total -> [String: any Sendable]? in
                    // A total over a record the viewer cannot see (a hidden client) is left out.
                    let value: (any Sendable)? = grouping == .date ? total.key : records[total.key]
                    guard let value else { return nil }
                    return [field: value, "minutes": total.minutes, "entryCount": total.entryCount]
                }
            }
        }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createTimeEntry") { _, call in
                let input = call.arguments["input"]
                let inquiry = (input?["inquiryId"]).flatMap { RecordInput.id($0, of: "Inquiry") }
                let client = (input?["clientId"]).flatMap { RecordInput.id($0, of: "Client") }
                let user = (input?["userId"]).flatMap { RecordInput.id($0, of: "User") }
                let date = (input?["date"]).flatMap(RecordInput.string)
                let minutes = (input?["minutes"]).flatMap(RecordInput.int) ?? 0
                let note = (input?["note"]).flatMap(RecordInput.string)
                return try await MutationPayload.run("timeEntry") {
                    try await call.context.services.timeEntries.create(call.context.viewer, inquiryID: inquiry, clientID: client, userID: user,
                                                                       date: date, minutes: minutes, note: note)
                }
            }
            t.asyncField("updateTimeEntry") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "TimeEntry", noun: "time entry"), RecordInput.requiredVersion(input))
                var note = Change<String?>.keep
                if let value = input?["note"] { note = .set(RecordInput.string(value)) }
                return try await MutationPayload.run("timeEntry") {
                    try await call.context.services.timeEntries.update(call.context.viewer, id: id, version: version,
                                                                       date: (input?["date"]).flatMap(RecordInput.string),
                                                                       minutes: (input?["minutes"]).flatMap(RecordInput.int), note: note)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "TimeEntry", noun: "time entry") { call, id, version, deleting in
                return try await MutationPayload.run("timeEntry") {
                    try await call.context.services.timeEntries.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
        b.object("TimeEntry", as: TimeEntry.self) { t in
            t.field("id") { e, _ in GlobalID.encode("TimeEntry", e.id) }
            t.batchField("user") { entries, call in
                let users = try await IdentityResolvers.usersByID(entries.map(\.userID), call.context)
                return entries.map { users[$0.userID] }
            }
            t.batchField("inquiry") { entries, call in
                let visibility = try await call.context.visibility()
                let inquiries = Dictionary(uniqueKeysWithValues: try await call.context.services.supportStore
                    .inquiries(ids: Array(Set(entries.compactMap(\.inquiryID))), visibility: visibility).map { ($0.id, $0) })
                return entries.map { e in e.inquiryID.flatMap { inquiries[$0] } }
            }
            t.batchField("client") { entries, call in
                let visibility = try await call.context.visibility()
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(entries.compactMap(\.clientID))), visibility: visibility).map { ($0.id, $0) })
                return entries.map { e in e.clientID.flatMap { clients[$0] } }
            }
            t.field("date", \.date)
            t.field("minutes", \.minutes)
            t.field("note", \.note)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { entries, call in try await IdentityResolvers.actors(entries.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { e, call in try await IdentityResolvers.history("TimeEntry", e.id, call) }
        }
        b.object("Inquiry", as: Inquiry.self) { t in
            // One query for the entries of every inquiry of the level, then a page per inquiry.
            t.batchField("timeEntries") { inquiries, call in
                _ = try call.context.requireReader()
                var query = TimeEntryQuery()
                query.inquiryIDs = inquiries.map(\.id)
                query.page.limit = 10_000
                query.page.countsTotal = false
                query.page.descending = true  // latest work date first
                let entries = try await call.context.services.timeEntryStore.timeEntries(query, visibility: try await call.context.visibility()).items
                let byInquiry = Dictionary(grouping: entries) { $0.inquiryID ?? -1 }
                return try inquiries.map { inquiry in
                    try Connection.page(byInquiry[inquiry.id] ?? [], arguments: call.arguments) { GlobalID.encode("TimeEntry", $0.id) }
                }
            }
            t.batchField("timeSpentMinutes") { inquiries, call in
                let visibility = try await call.context.visibility()
                let sums = try await call.context.services.timeEntryStore.minutes(inquiryIDs: inquiries.map(\.id), visibility: visibility)
                return inquiries.map { sums[$0.id] ?? 0 }
            }
        }
        b.object("Client", as: Client.self) { t in
            t.batchField("timeSpentMinutes") { clients, call in
                let period = call.arguments["period"]
                let visibility = try await call.context.visibility()
                let sums = try await call.context.services.timeEntryStore.minutes(
                    clientIDs: clients.map(\.id), from: (period?["from"]).flatMap(RecordInput.string),
                    to: (period?["to"]).flatMap(RecordInput.string), visibility: visibility)
                return clients.map { sums[$0.id] ?? 0 }
            }
        }
        for name in ["TimeEntryConnection", "TimeEntryEdge", "TimeEntryPayload", "TimeTotal"] { b.mapObject(name) }
    }

    static func query(_ args: Arguments) throws -> TimeEntryQuery {
        var query = TimeEntryQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        if let filter = args["filter"] {
            query.userIDs = ids(filter["userIds"], "User")
            query.inquiryIDs = ids(filter["inquiryIds"], "Inquiry")
            query.clientIDs = ids(filter["clientIds"], "Client")
            if let range = filter["date"] {
                query.from = (range["from"]).flatMap(RecordInput.string)
                query.to = (range["to"]).flatMap(RecordInput.string)
            }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        return query
    }
}
