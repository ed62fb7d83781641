import CRM
import Foundation
import GraphQLEngine

/// Files: `createFileUpload` (then `PUT` the bytes to its URL), `attachFile`, delete and
/// restore, and the files of clients, contacts, deals and tasks.
enum FileResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Client", as: Client.self) { t in t.batchField("files") { records, call in try await files(records.map { .client($0.id) }, call) } }
        b.object("Contact", as: Contact.self) { t in t.batchField("files") { records, call in try await files(records.map { .contact($0.id) }, call) } }
        b.object("Deal", as: Deal.self) { t in t.batchField("files") { records, call in try await files(records.map { .deal($0.id) }, call) } }
        b.object("Task", as: TaskItem.self) { t in t.batchField("files") { records, call in try await files(records.map { .task($0.id) }, call) } }
        b.object("Inquiry", as: Inquiry.self) { t in t.batchField("files") { records, call in try await files(records.map { .inquiry($0.id) }, call) } }
        b.object("Call", as: Call.self) { t in t.batchField("files") { records, call in try await files(records.map { .call($0.id) }, call) } }
        b.object("Project", as: Project.self) { t in t.batchField("files") { records, call in try await files(records.map { .project($0.id) }, call) } }
        b.object("Dialogue", as: Dialogue.self) { t in t.batchField("files") { records, call in try await files(records.map { .dialogue($0.id) }, call) } }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createFileUpload") { _, call in
                let input = call.arguments["input"]
                let name = RecordInput.string(input?["name"] ?? .null) ?? ""
                let type = RecordInput.string(input?["contentType"] ?? .null) ?? ""
                let size = (input?["size"]).flatMap(RecordInput.int) ?? -1
                do {
                    let outcome = try await call.context.services.files.createUpload(call.context.viewer, name: name, contentType: type, size: size)
                    return IdentityResolvers.payload([
                        "upload": outcome.upload.map { upload(for: $0, maximumSize: call.context.services.files.maximumSize) },
                        "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable],
                    ])
                } catch let error as DomainError {
                    return try IdentityResolvers.failure(error)
                }
            }
            t.asyncField("attachFile") { _, call in
                let input = call.arguments["input"]
                let subject = try NoteResolvers.subjectRef(input?["subject"])
                let uploadID = (input?["uploadId"]).flatMap { RecordInput.id($0, of: "FileUpload") } ?? -1
                let name = (input?["name"]).flatMap(RecordInput.string)
                return try await MutationPayload.run("file") {
                    try await call.context.services.files.attach(call.context.viewer, subject: subject, uploadID: uploadID, name: name)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "File", noun: "file") { call, id, version, deleting in
                let service = call.context.services.files
                return try await MutationPayload.run("file") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
        b.object("File", as: Attachment.self) { t in
            t.field("id") { f, _ in GlobalID.encode("File", f.id) }
            t.batchField("subject") { files, call in
                let records = try await NoteResolvers.subjects(files.map(\.subject), call.context)
                return files.map { records[$0.subject] }
            }
            t.field("name", \.name)
            t.field("contentType", \.contentType)
            t.field("size", \.size)
            t.field("sha256", \.sha256)
            t.field("url") { f, _ in "/files/" + GlobalID.encode("File", f.id) }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { files, call in try await IdentityResolvers.actors(files.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { f, call in try await IdentityResolvers.history("File", f.id, call) }
        }
        for name in ["FileConnection", "FileEdge", "FilePayload", "FileUpload", "CreateFileUploadPayload"] { b.mapObject(name) }
    }

    static func upload(for upload: FileUpload, maximumSize: Int) -> [String: any Sendable] {
        let id = GlobalID.encode("FileUpload", upload.id)
        return ["id": id, "uploadUrl": "/uploads/" + id, "expiresAt": upload.expiresAt, "maxSize": maximumSize]
    }

    /// The files of each subject (already visible to the viewer), newest first.
    static func files(_ subjects: [Subject], _ call: BatchCall<RequestContext>) async throws -> [(any Sendable)?] {
        _ = try call.context.requireReader()
        let all = try await call.context.services.fileStore.attachments(subjects: subjects)
        let bySubject = Dictionary(grouping: all, by: \.subject)
        return try subjects.map { subject in
            try Connection.page(bySubject[subject] ?? [], arguments: call.arguments) { GlobalID.encode("File", $0.id) }
        }
    }
}
