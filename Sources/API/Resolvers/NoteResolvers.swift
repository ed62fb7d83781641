import CRM
import Foundation
import GraphQLEngine

/// Notes: on clients, contacts, deals and tasks (one query for every record of a level), and the
/// mutations that write them.
enum NoteResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Client", as: Client.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .client($0.id) }, call) } }
        b.object("Contact", as: Contact.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .contact($0.id) }, call) } }
        b.object("Deal", as: Deal.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .deal($0.id) }, call) } }
        b.object("Task", as: TaskItem.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .task($0.id) }, call) } }
        b.object("Inquiry", as: Inquiry.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .inquiry($0.id) }, call) } }
        b.object("Call", as: Call.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .call($0.id) }, call) } }
        b.object("Project", as: Project.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .project($0.id) }, call) } }
        b.object("Dialogue", as: Dialogue.self) { t in t.batchField("notes") { records, call in try await notes(records.map { .dialogue($0.id) }, call) } }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createNote") { _, call in
                let input = call.arguments["input"]
                let subject = try subjectRef(input?["subject"])
                let body = RecordInput.string(input?["body"] ?? .null) ?? ""
                let pinned = input?["pinned"] == .bool(true)
                return try await MutationPayload.run("note") {
                    try await call.context.services.notes.create(call.context.viewer, subject: subject, body: body, pinned: pinned)
                }
            }
            t.asyncField("updateNote") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Note", noun: "note"), RecordInput.requiredVersion(input))
                let body = (input?["body"]).flatMap(RecordInput.string)
                var pinned: Bool?
                if case .bool(let p)? = input?["pinned"] { pinned = p }
                return try await MutationPayload.run("note") {
                    try await call.context.services.notes.update(call.context.viewer, id: id, version: version, body: body, pinned: pinned)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Note", noun: "note") { call, id, version, deleting in
                let service = call.context.services.notes
                return try await MutationPayload.run("note") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
        b.object("Note", as: Note.self) { t in
            t.field("id") { n, _ in GlobalID.encode("Note", n.id) }
            t.batchField("subject") { notes, call in
                let records = try await subjects(notes.map(\.subject), call.context)
                return notes.map { records[$0.subject] }
            }
            t.field("body", \.body)
            t.field("pinned", \.pinned)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { notes, call in try await IdentityResolvers.actors(notes.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { n, call in try await IdentityResolvers.history("Note", n.id, call) }
        }
        for name in ["NoteConnection", "NoteEdge", "NotePayload"] { b.mapObject(name) }
    }

    /// The notes of each subject (already visible to the viewer), pinned first, newest first.
    static func notes(_ subjects: [Subject], _ call: BatchCall<RequestContext>) async throws -> [(any Sendable)?] {
        _ = try call.context.requireReader()
        let all = try await call.context.services.noteStore.notes(subjects: subjects)
        let bySubject = Dictionary(grouping: all, by: \.subject)
        return try subjects.map { subject in
            try Connection.page(bySubject[subject] ?? [], arguments: call.arguments) { GlobalID.encode("Note", $0.id) }
        }
    }

    /// The visible records of subjects, one query per type.
    static func subjects(_ subjects: [Subject], _ context: RequestContext) async throws -> [Subject: any Sendable] {
        try await self.subjects(subjects, visibility: try await context.visibility(), userID: context.viewer.user?.id, context.services)
    }

    static func subjects(_ subjects: [Subject], visibility: Visibility, userID: Int64?, _ services: Services) async throws -> [Subject: any Sendable] {
        guard !subjects.isEmpty else { return [:] }
        func ids(_ type: String) -> [Int64] { Array(Set(subjects.filter { $0.type == type }.map(\.id))) }
        var records: [Subject: any Sendable] = [:]
        for c in try await services.clientStore.clients(ids: ids("Client"), visibility: visibility) { records[.client(c.id)] = c }
        for c in try await services.contactStore.contacts(ids: ids("Contact"), visibility: visibility) { records[.contact(c.id)] = c }
        for d in try await services.dealStore.deals(ids: ids("Deal"), visibility: visibility) { records[.deal(d.id)] = d }
        for t in try await services.taskStore.tasks(ids: ids("Task"), visibility: visibility) { records[.task(t.id)] = t }
        for i in try await services.supportStore.inquiries(ids: ids("Inquiry"), visibility: visibility) { records[.inquiry(i.id)] = i }
        for c in try await services.telephonyStore.calls(ids: ids("Call"), visibility: visibility) { records[.call(c.id)] = c }
        for p in try await services.projectStore.projects(ids: ids("Project"), visibility: visibility) { records[.project(p.id)] = p }
        for d in try await services.messagingStore.dialogues(ids: ids("Dialogue"), visibility: DialogueVisibility(records: visibility, userID: userID)) {
            records[.dialogue(d.id)] = d
        }
        return records
    }

    /// An `AnnotatableRef` (@oneOf) as a subject; records that cannot carry notes yet are refused.
    static func subjectRef(_ value: JSONValue?) throws -> Subject {
        guard case .object(let members)? = value, let member = members.first, case .string(let id) = member.value else {
            throw ResolverError("Name the record: subject takes exactly one id.", code: "BAD_USER_INPUT")
        }
        let type: String
        switch member.key {
        case "clientId": type = "Client"
        case "contactId": type = "Contact"
        case "dealId": type = "Deal"
        case "taskId": type = "Task"
        case "inquiryId": type = "Inquiry"
        case "callId": type = "Call"
        case "projectId": type = "Project"
        case "dialogueId": type = "Dialogue"
        default: throw ResolverError("No such record.", code: "NOT_FOUND")
        }
        guard let rowID = GlobalID.id(id, of: type), let subject = Subject(type: type, id: rowID) else {
            throw ResolverError("No such record.", code: "NOT_FOUND")
        }
        return subject
    }
}
