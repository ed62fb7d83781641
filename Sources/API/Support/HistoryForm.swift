import CRM
import GraphQLEngine

/// Recorded field changes in their API form, as `FieldChange` promises: fields named as in the
/// schema (`owner`, not the stored `ownerId`), references as global ids, enum values as the
/// schema spells them. The store keeps row ids and raw values; this is the one translation.
enum HistoryForm {
    enum Value {
        case reference(String)
        case references(String)
        case enumeration
        case enumerations
    }

    /// Stored field name → schema field name and how its values read.
    static let fields: [String: (name: String, value: Value?)] = [
        "ownerId": ("owner", .reference("User")),
        "headId": ("head", .reference("User")),
        "assigneeId": ("assignee", .reference("User")),
        "inviteeIds": ("invitees", .references("User")),
        "departmentId": ("department", .reference("Department")),
        "clientId": ("client", .reference("Client")),
        "contactId": ("contact", .reference("Contact")),
        "dealId": ("deal", .reference("Deal")),
        "dialogueId": ("dialogue", .reference("Dialogue")),
        "inquiryId": ("inquiry", .reference("Inquiry")),
        "pipelineId": ("pipeline", .reference("Pipeline")),
        "stageId": ("stage", .reference("PipelineStage")),
        "stageIds": ("stages", .references("PipelineStage")),
        "status": ("status", .enumeration),
        "kind": ("kind", .enumeration),
        "priority": ("priority", .enumeration),
        "role": ("role", .enumeration),
        "queueId": ("queue", .reference("CallQueue")),
        "memberIds": ("members", .references("User")),
        "callbackAssigneeId": ("callbackAssignee", .reference("User")),
        "userId": ("user", .reference("User")),
        "provider": ("provider", .enumeration),
        "managerId": ("manager", .reference("User")),
        "calendarId": ("calendar", .reference("WorkingCalendar")),
        "parentId": ("parent", .reference("ProjectTask")),
        "assigneeIds": ("assignees", .references("User")),
        "projectTemplateOnWinId": ("projectTemplateOnWin", .reference("ProjectTemplate")),
        "channelKinds": ("channelKinds", .enumerations),
    ]

    /// The schema name of a stored field.
    static func name(_ stored: String) -> String { fields[stored]?.name ?? stored }

    /// A stored JSON value in its API form.
    static func value(_ stored: String, _ json: JSONValue) -> JSONValue {
        guard let form = fields[stored]?.value else { return json }
        switch (form, json) {
        case (.reference(let type), .int(let id)): return .string(GlobalID.encode(type, Int64(id)))
        case (.references(let type), .array(let ids)):
            return .array(ids.map { if case .int(let id) = $0 { .string(GlobalID.encode(type, Int64(id))) } else { $0 } })
        case (.enumeration, .string(let raw)): return .string(raw.uppercased())
        case (.enumerations, .array(let raws)): return .array(raws.map { if case .string(let raw) = $0 { .string(raw.uppercased()) } else { $0 } })
        default: return json
        }
    }
}
