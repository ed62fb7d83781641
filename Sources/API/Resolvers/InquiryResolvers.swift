import CRM
import Foundation
import GraphQLEngine

/// A deadline as the API shows it: with its inquiry, its state as of now, and the business
/// minutes left in its policy's calendar.
struct DeadlineView: Sendable {
    let inquiry: Inquiry
    let deadline: SlaDeadline
    let remainingMinutes: Int?
}

extension SupportResolvers {
    static func inquiries(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        let args = call.arguments
        var query = InquiryQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        func enums<T>(_ value: JSONValue?, _ make: (String) -> T?) -> [T]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).compactMap { make($0.lowercased()) }
        }
        if let filter = args["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            query.statuses = enums(filter["statuses"], Inquiry.Status.init(rawValue:))
            query.priorities = enums(filter["priorities"], TaskItem.Priority.init(rawValue:))
            query.origins = enums(filter["origins"], Inquiry.Origin.init(rawValue:))
            query.assigneeIDs = ids(filter["assigneeIds"], "User")
            query.clientIDs = ids(filter["clientIds"], "Client")
            if case .array(let categories)? = filter["categories"] { query.categories = RecordInput.strings(categories) }
            if case .bool(let unassigned)? = filter["unassigned"] { query.unassigned = unassigned }
            if case .bool(let rejected)? = filter["rejected"] { query.rejected = rejected }
            (query.createdFrom, query.createdTo) = DealResolvers.timeRange(filter["createdAt"])
            query.slaStates = enums(filter["slaStates"], SlaDeadline.State.init(rawValue:))
            query.now = call.context.services.clock.now()
            query.channelIDs = ids(filter["channelIds"], "Channel")
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var descending = true
        if let orderBy = args["orderBy"], case .object = orderBy {
            query.order = switch RecordInput.string(orderBy["field"] ?? .null) {
            case "UPDATED_AT": .updatedAt
            case "PRIORITY": .priority
            case "NEXT_DEADLINE": .nextDeadline
            default: .createdAt
            }
            descending = orderBy["direction"] != .string("ASC")
        }
        query.page = try KeysetPaging.request(args, descending: descending, info: call.info)
        let visibility = try await call.context.visibility()
        let page = try await call.context.services.supportStore.inquiries(query, visibility: visibility)
        return KeysetPaging.connection(page, request: query.page) { inquiry in
            let value: String = switch query.order {
            case .createdAt: RFC3339.format(inquiry.createdAt)
            case .updatedAt: RFC3339.format(inquiry.updatedAt)
            case .priority: String(TaskItem.Priority.allCases.firstIndex(of: inquiry.fields.priority) ?? 1)
            case .nextDeadline:
                inquiry.deadlines.filter { $0.state == .running }.compactMap(\.dueAt).min().map(RFC3339.format)
                    ?? (query.page.descending ? "0000" : "9999")
            }
            return RecordCursor(sortValue: value, id: inquiry.id)
        }
    }

    /// `inquiryReport(filter:)`: the analysis of the inquiries the viewer sees in a period.
    static func report(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        let filter = call.arguments["filter"]
        guard case .string(let fromText)? = filter?["period"]?["from"], case .string(let toText)? = filter?["period"]?["to"],
              let from = RFC3339.parse(fromText), let to = RFC3339.parse(toText) else {
            throw ResolverError("A period with from and to is required.", code: "BAD_USER_INPUT")
        }
        var query = InquiryReportQuery(from: from, to: to)
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        query.managerIDs = ids(filter?["managerIds"], "User")
        query.departmentIDs = ids(filter?["departmentIds"], "Department")
        query.channelIDs = ids(filter?["channelIds"], "Channel")
        if case .array(let origins)? = filter?["origins"] {
            query.origins = RecordInput.strings(origins).compactMap { Inquiry.Origin(rawValue: $0.lowercased()) }
        }
        let services = call.context.services
        let report: InquiryReport
        do {
            report = try await InquiryReport.make(call.context.viewer, query, store: services.supportStore, identity: services.identity,
                                                  now: services.clock.now())
        } catch let error as DomainError {
            throw error.resolverError
        }
        let users = try await IdentityResolvers.usersByID(report.byManager.compactMap(\.managerID), call.context)
        return ["from": report.from, "to": report.to, "overall": stats(report.overall),
                "byManager": report.byManager.map { ["manager": $0.managerID.flatMap { users[$0] }, "stats": stats($0.stats)] as [String: (any Sendable)?] }]
    }

    static func stats(_ s: InquiryStats) -> [String: any Sendable] {
        func statuses(_ list: [(Inquiry.Status, Int)]) -> [[String: any Sendable]] {
            list.map { ["status": $0.0.rawValue.uppercased(), "count": $0.1] }
        }
        func durations(_ d: InquiryStats.Durations) -> [String: (any Sendable)?] {
            ["count": d.count, "averageSeconds": d.averageSeconds, "p90Seconds": d.p90Seconds]
        }
        return [
            "total": s.total,
            "byChannel": s.byOrigin.map { ["origin": $0.origin.rawValue.uppercased(), "count": $0.count, "byStatus": statuses($0.byStatus)] as [String: any Sendable] },
            "byStatus": statuses(s.byStatus),
            "firstResponse": durations(s.firstResponse),
            "resolution": durations(s.resolution),
            "sla": s.sla.map { ["metric": $0.metric.rawValue.uppercased(), "met": $0.met, "missed": $0.missed, "pending": $0.pending] as [String: any Sendable] },
            "rejected": s.rejected,
            "rejectionReasons": s.rejectionReasons.map { ["reason": $0.reason, "count": $0.count] as [String: any Sendable] },
        ]
    }

    /// The deadlines of a level of inquiries as of now, with the minutes left in each policy's
    /// calendar (policies and calendars read once for the level).
    static func deadlineViews(_ inquiries: [Inquiry], _ context: RequestContext) async throws -> [[DeadlineView]] {
        let store = context.services.supportStore
        let policies = try await store.policies(ids: Array(Set(inquiries.compactMap(\.fields.slaPolicyID))))
        let calendars = Dictionary(uniqueKeysWithValues: try await store.calendars(ids: Array(Set(policies.map(\.calendarID))))
            .map { ($0.id, BusinessHours($0)) })
        let hoursByPolicy = Dictionary(uniqueKeysWithValues: policies.compactMap { p in calendars[p.calendarID].map { (p.id, $0) } })
        let now = context.services.clock.now()
        return inquiries.map { inquiry in
            inquiry.deadlines.map { stored in
                let deadline = stored.current(now: now)
                let hours = inquiry.fields.slaPolicyID.flatMap { hoursByPolicy[$0] }
                return DeadlineView(inquiry: inquiry, deadline: deadline, remainingMinutes: hours.flatMap { deadline.remainingMinutes(now: now, hours: $0) })
            }
        }
    }

    /// The inquiries of records that link one (deals registered from one, tasks of one), as the viewer sees them.
    static func inquiriesByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: Inquiry] {
        Dictionary(uniqueKeysWithValues: try await context.services.supportStore
            .inquiries(ids: Array(Set(ids)), visibility: try await context.visibility()).map { ($0.id, $0) })
    }

    static func bindLinks(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Deal", as: Deal.self) { t in
            t.batchField("inquiry") { deals, call in
                let inquiries = try await inquiriesByID(deals.compactMap(\.fields.inquiryID), call.context)
                return deals.map { $0.fields.inquiryID.flatMap { inquiries[$0] } }
            }
        }
        b.object("Task", as: TaskItem.self) { t in
            t.batchField("inquiry") { tasks, call in
                let inquiries = try await inquiriesByID(tasks.compactMap(\.fields.inquiryID), call.context)
                return tasks.map { $0.fields.inquiryID.flatMap { inquiries[$0] } }
            }
        }
        b.object("Inquiry", as: Inquiry.self) { t in
            t.batchField("deal") { inquiries, call in
                var query = DealQuery()
                query.inquiryIDs = inquiries.map(\.id)
                query.page.limit = 100
                query.page.countsTotal = false
                let deals = try await call.context.services.dealStore.deals(query, visibility: try await call.context.visibility(),
                                                                            now: call.context.services.clock.now()).items
                let byInquiry = Dictionary(deals.compactMap { d in d.fields.inquiryID.map { ($0, d) } }, uniquingKeysWith: { a, b in a.id < b.id ? a : b })
                return inquiries.map { byInquiry[$0.id] }
            }
        }
    }

    static func bindInquiry(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Inquiry", as: Inquiry.self) { t in
            t.field("id") { i, _ in GlobalID.encode("Inquiry", i.id) }
            t.field("number") { i, _ in i.number }
            t.field("subject", \.fields.subject)
            t.field("description", \.fields.description)
            t.field("origin") { i, _ in i.fields.origin.rawValue.uppercased() }
            t.batchField("client") { inquiries, call in
                let visibility = try await call.context.visibility()
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(inquiries.compactMap(\.fields.clientID))), visibility: visibility).map { ($0.id, $0) })
                return inquiries.map { i in i.fields.clientID.flatMap { clients[$0] } }
            }
            t.batchField("contact") { inquiries, call in
                let visibility = try await call.context.visibility()
                let contacts = Dictionary(uniqueKeysWithValues: try await call.context.services.contactStore
                    .contacts(ids: Array(Set(inquiries.compactMap(\.fields.contactID))), visibility: visibility).map { ($0.id, $0) })
                return inquiries.map { i in i.fields.contactID.flatMap { contacts[$0] } }
            }
            t.batchField("assignee") { inquiries, call in
                let users = try await IdentityResolvers.usersByID(inquiries.compactMap(\.fields.assigneeID), call.context)
                return inquiries.map { i in i.fields.assigneeID.flatMap { users[$0] } }
            }
            t.field("priority") { i, _ in i.fields.priority.rawValue.uppercased() }
            t.field("status") { i, _ in i.status.rawValue.uppercased() }
            t.field("category", \.fields.category)
            t.field("rejectionReason", \.rejectionReason)
            t.batchField("slaPolicy") { inquiries, call in
                let policies = Dictionary(uniqueKeysWithValues: try await call.context.services.supportStore
                    .policies(ids: Array(Set(inquiries.compactMap(\.fields.slaPolicyID)))).map { ($0.id, $0) })
                return inquiries.map { i in i.fields.slaPolicyID.flatMap { policies[$0] } }
            }
            for (field, metric) in [("firstResponseDeadline", SlaDeadline.Metric.firstResponse), ("nextResponseDeadline", .nextResponse),
                                    ("resolutionDeadline", .resolution)] {
                t.batchField(field) { inquiries, call in
                    try await deadlineViews(inquiries, call.context).map { views in views.first { $0.deadline.metric == metric } }
                }
            }
            t.batchField("slaDeadlines") { inquiries, call in try await deadlineViews(inquiries, call.context) }
            t.field("firstRespondedAt", \.firstRespondedAt)
            t.field("waitingSince", \.waitingSince)
            t.field("resolvedAt", \.resolvedAt)
            t.field("closedAt", \.closedAt)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { inquiries, call in try await IdentityResolvers.actors(inquiries.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { i, call in try await IdentityResolvers.history("Inquiry", i.id, call) }
        }
        b.object("SlaDeadline", as: DeadlineView.self) { t in
            t.field("id") { d, _ in GlobalID.encode("SlaDeadline", d.deadline.id) }
            t.field("inquiry") { d, _ in d.inquiry }
            t.field("metric") { d, _ in d.deadline.metric.rawValue.uppercased() }
            t.field("state") { d, _ in d.deadline.state.rawValue.uppercased() }
            t.field("targetMinutes") { d, _ in d.deadline.targetMinutes }
            t.field("startedAt") { d, _ in d.deadline.startedAt }
            t.field("dueAt") { d, _ in d.deadline.dueAt }
            t.field("remainingMinutes") { d, _ in d.remainingMinutes }
            t.field("pausedAt") { d, _ in d.deadline.pausedAt }
            t.field("metAt") { d, _ in d.deadline.metAt }
            t.field("missedAt") { d, _ in d.deadline.missedAt }
        }
    }

    static func inquiryInput(_ input: JSONValue?) -> InquiryInput {
        var result = InquiryInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "subject": result.subject = .set(RecordInput.string(value) ?? "")
            case "description": result.description = .set(RecordInput.string(value))
            case "origin": result.origin = RecordInput.string(value).flatMap { Inquiry.Origin(rawValue: $0.lowercased()) }
            case "clientId": result.clientID = .set(RecordInput.id(value, of: "Client"))
            case "contactId": result.contactID = .set(RecordInput.id(value, of: "Contact"))
            case "assigneeId": result.assigneeID = .set(RecordInput.id(value, of: "User"))
            case "priority": if let p = RecordInput.string(value).flatMap({ TaskItem.Priority(rawValue: $0.lowercased()) }) { result.priority = .set(p) }
            case "category": result.category = .set(RecordInput.string(value))
            case "slaPolicyId": result.slaPolicyID = .set(RecordInput.id(value, of: "SlaPolicy"))
            case "callId": result.callID = RecordInput.id(value, of: "Call") ?? (value == .null ? nil : -1)
            case "dialogueId": result.dialogueID = RecordInput.id(value, of: "Dialogue") ?? (value == .null ? nil : -1)
            case "client":
                if case .string(let id)? = value["id"] { result.clientID = .set(GlobalID.id(id, of: "Client") ?? -1) }
                else { result.clientLookup = clientLookup(value) }
            default: break
            }
        }
        return result
    }

    /// A `ClientLookup` (@oneOf, other than by id) as a look-up; a value that cannot match
    /// anything matches nothing.
    static func clientLookup(_ value: JSONValue) -> ClientLookup? {
        if case .string(let phone)? = value["phone"] { return .phoneDigits((try? PhoneNumber(phone))?.digits ?? "-") }
        if case .string(let email)? = value["email"] { return .email((try? EmailAddress(email))?.normalized ?? "-") }
        if case .string(let inn)? = value["inn"] { return .inn((try? TaxID(inn))?.value ?? "-") }
        if case .string(let domain)? = value["webDomain"] { return .webDomain(WebDomain.normalize(domain) ?? "-") }
        return nil
    }

    static func bindInquiryMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createInquiry") { _, call in
                let input = inquiryInput(call.arguments["input"])
                return try await MutationPayload.run("inquiry") { try await call.context.services.inquiries.create(call.context.viewer, input: input) }
            }
            t.asyncField("updateInquiry") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Inquiry", noun: "inquiry"), RecordInput.requiredVersion(raw))
                let input = inquiryInput(raw)
                return try await MutationPayload.run("inquiry") { try await call.context.services.inquiries.update(call.context.viewer, id: id, version: version, input: input) }
            }
            t.asyncField("assignInquiry") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Inquiry", noun: "inquiry"), RecordInput.requiredVersion(raw))
                let assignee = (raw?["assigneeId"]).flatMap { RecordInput.id($0, of: "User") }
                return try await MutationPayload.run("inquiry") {
                    try await call.context.services.inquiries.assign(call.context.viewer, id: id, version: version, assigneeID: assignee)
                }
            }
            t.asyncField("setInquiryStatus") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Inquiry", noun: "inquiry"), RecordInput.requiredVersion(raw))
                guard let status = RecordInput.string(raw?["status"] ?? .null).flatMap({ Inquiry.Status(rawValue: $0.lowercased()) }) else {
                    throw ResolverError("status is required.", code: "BAD_USER_INPUT")
                }
                return try await MutationPayload.run("inquiry") {
                    try await call.context.services.inquiries.setStatus(call.context.viewer, id: id, version: version, status: status)
                }
            }
            t.asyncField("rejectInquiry") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Inquiry", noun: "inquiry"), RecordInput.requiredVersion(raw))
                let reason = RecordInput.string(raw?["reason"] ?? .null) ?? ""
                return try await MutationPayload.run("inquiry") {
                    try await call.context.services.inquiries.reject(call.context.viewer, id: id, version: version, reason: reason)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Inquiry", noun: "inquiry") { call, id, version, deleting in
                return try await MutationPayload.run("inquiry") {
                    try await call.context.services.inquiries.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
    }
}
