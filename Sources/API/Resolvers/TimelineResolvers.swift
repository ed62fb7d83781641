import CRM
import Foundation
import GraphQLEngine

/// `Client.timeline`: everything that happened with a client, newest first, each item with the
/// record it points to as it is now and a one-line summary in the viewer's language.
enum TimelineResolvers {
    /// A timeline item with its record loaded.
    struct Item: Sendable {
        let entry: TimelineEntry
        let record: any Sendable
    }

    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Client", as: Client.self) { t in
            t.asyncField("timeline") { client, call in try await timeline(client, call) }
        }
        b.object("TimelineItem", as: Item.self) { t in
            t.field("id") { item, _ in GlobalID.encode("TimelineItem", item.entry.id) }
            t.field("kind") { item, _ in item.entry.kind.rawValue.uppercased() }
            t.field("action") { item, _ in item.entry.action.rawValue.uppercased() }
            t.field("occurredAt") { item, _ in item.entry.occurredAt }
            t.batchField("actor") { items, call in
                let actors = try await IdentityResolvers.actorObjects(items.compactMap(\.entry.actor), call.context)
                var next = actors.makeIterator()
                return items.map { $0.entry.actor == nil ? nil : next.next() }
            }
            t.field("summary") { item, call in item.entry.summary(locale: call.context.viewer.user?.locale ?? "en") }
            t.field("record") { item, _ in item.record }
        }
        for name in ["TimelineItemConnection", "TimelineItemEdge"] { b.mapObject(name) }
    }

    static func timeline(_ client: Client, _ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        let services = call.context.services
        let args = call.arguments
        var kinds: [TimelineEntry.Kind]?
        var from: Date?, to: Date?
        if let filter = args["filter"] {
            if case .array(let values)? = filter["kinds"] {
                // Kinds that have no items yet (calls, messages, …) simply match nothing.
                kinds = RecordInput.strings(values).compactMap { TimelineEntry.Kind(rawValue: $0.lowercased()) }
            }
            (from, to) = DealResolvers.timeRange(filter["occurredAt"])
        }
        let page = try KeysetPaging.request(args, descending: true, info: call.info)
        let visibility = try await call.context.visibility()
        let entries = try await services.timelineStore.timeline(clientID: client.id, kinds: kinds, from: from, to: to, page: page,
                                                                visibility: visibility)
        let records = try await records(entries.items, visibility: visibility, userID: call.context.viewer.user?.id, services)
        let items = entries.items.compactMap { entry in records["\(entry.recordType):\(entry.recordID)"].map { Item(entry: entry, record: $0) } }
        return KeysetPaging.connection(Page(items: items, totalCount: entries.totalCount, hasMore: entries.hasMore), request: page) {
            RecordCursor(sortValue: RFC3339.format($0.entry.occurredAt), id: $0.entry.id)
        }
    }

    /// The records of a page of entries, one query per type, keyed `Type:id`.
    static func records(_ entries: [TimelineEntry], visibility: Visibility, userID: Int64?, _ services: Services) async throws -> [String: any Sendable] {
        func ids(_ type: String) -> [Int64] { Array(Set(entries.filter { $0.recordType == type }.map(\.recordID))) }
        var records: [String: any Sendable] = [:]
        for c in try await services.clientStore.clients(ids: ids("Client"), visibility: .all) { records["Client:\(c.id)"] = c }
        for c in try await services.contactStore.contacts(ids: ids("Contact"), visibility: visibility) { records["Contact:\(c.id)"] = c }
        for d in try await services.dealStore.deals(ids: ids("Deal"), visibility: visibility) { records["Deal:\(d.id)"] = d }
        // A stage change with its deal, a note or file with its subject: each as the viewer sees it.
        let changes = try await services.dealStore.stageChanges(ids: ids("DealStageChange"))
        let deals = Set(try await services.dealStore.deals(ids: Array(Set(changes.map(\.dealID))), visibility: visibility).map(\.id))
        for c in changes where deals.contains(c.dealID) { records["DealStageChange:\(c.id)"] = c }
        for t in try await services.taskStore.tasks(ids: ids("Task"), visibility: visibility) { records["Task:\(t.id)"] = t }
        for i in try await services.supportStore.inquiries(ids: ids("Inquiry"), visibility: visibility) { records["Inquiry:\(i.id)"] = i }
        for c in try await services.telephonyStore.calls(ids: ids("Call"), visibility: visibility) { records["Call:\(c.id)"] = c }
        for p in try await services.projectStore.projects(ids: ids("Project"), visibility: visibility) { records["Project:\(p.id)"] = p }
        // A message with its dialogue, as the viewer sees it.
        let messages = try await services.messagingStore.messages(ids: ids("Message"))
        let dialogues = Set(try await services.messagingStore.dialogues(ids: Array(Set(messages.map(\.dialogueID))),
                                                                        visibility: DialogueVisibility(records: visibility, userID: userID)).map(\.id))
        for m in messages where dialogues.contains(m.dialogueID) { records["Message:\(m.id)"] = m }
        let notes = try await services.noteStore.notes(ids: ids("Note"))
        let files = try await services.fileStore.attachments(ids: ids("File"))
        let subjects = try await NoteResolvers.subjects(notes.map(\.subject) + files.map(\.subject), visibility: visibility, userID: userID, services)
        for n in notes where subjects[n.subject] != nil { records["Note:\(n.id)"] = n }
        for f in files where subjects[f.subject] != nil { records["File:\(f.id)"] = f }
        return records
    }
}
