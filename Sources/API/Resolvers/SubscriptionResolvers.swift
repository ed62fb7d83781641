import CRM
import Foundation
import GraphQLEngine

/// Subscriptions: each reads the events of its kinds — first those after `after:` from the log
/// (a console that reconnects loses nothing within the retention window), then live ones from
/// the bus — and admits each only when the subscriber may see its record, as it is now.
enum SubscriptionResolvers {
    /// Turns an event into the subscription's payload for this subscriber, or nil to skip it.
    typealias Admit = @Sendable (DomainEvent, RequestContext) async throws -> [String: (any Sendable)?]?

    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Subscription", as: [String: any Sendable].self) { t in
            for name in ["callIncoming", "callUpdated", "messageReceived", "messageStatusChanged", "dialogueAssigned", "dealChanged", "presenceChanged",
                         "slaDeadlineApproaching", "slaBreached", "taskDue", "inquiryChanged"] {
                t.field(name) { event, _ in event }
            }
            t.subscription("callIncoming") { call in stream(call, [.callIncoming], admit: callIncoming) }
            t.subscription("callUpdated") { call in
                stream(call, [.callUpdated]) { event, context in
                    guard let found = try await visibleCall(event.recordID, context) else { return nil }
                    return ["call": found, "changedFields": (event.details["fields"] as? [Any] ?? []).compactMap { $0 as? String }]
                }
            }
            t.subscription("messageReceived") { call in
                let only = call.arguments["dialogueId"].flatMap { RecordInput.id($0, of: "Dialogue") ?? -1 }
                return stream(call, [.messageReceived]) { event, context in
                    guard let (message, dialogue) = try await visibleMessage(event, only, context) else { return nil }
                    return ["message": message, "dialogue": dialogue]
                }
            }
            t.subscription("messageStatusChanged") { call in
                let only = call.arguments["dialogueId"].flatMap { RecordInput.id($0, of: "Dialogue") ?? -1 }
                return stream(call, [.messageStatusChanged]) { event, context in
                    guard let (message, _) = try await visibleMessage(event, only, context) else { return nil }
                    return ["message": message, "previousStatus": event.text("previous")?.uppercased()]
                }
            }
            t.subscription("dialogueAssigned") { call in stream(call, [.dialogueAssigned], admit: dialogueAssigned) }
            t.subscription("presenceChanged") { call in
                stream(call, [.presenceChanged]) { event, context in
                    // Others see only themselves; supervisors their department; admins everyone.
                    switch try await context.visibility() {
                    case .all: break
                    case .ownedBy(let ids): guard ids.contains(event.recordID) else { return nil }
                    case .none: return nil
                    }
                    guard let user = try await IdentityResolvers.usersByID([event.recordID], context)[event.recordID] else { return nil }
                    return ["user": user, "presence": event.text("presence")?.uppercased(), "previousPresence": event.text("previous")?.uppercased()]
                }
            }
            t.subscription("slaDeadlineApproaching") { call in
                let within = call.arguments.int("within")
                return stream(call, [.slaWarning]) { event, context in
                    guard let lead = event.id("lead"), within.map({ Int64($0) >= lead }) ?? true,
                          var payload = try await slaPayload(event, context) else { return nil }
                    payload["minutesLeft"] = Int(event.id("minutesLeft") ?? lead)
                    return payload
                }
            }
            t.subscription("slaBreached") { call in stream(call, [.slaBreached], admit: slaPayload) }
            t.subscription("taskDue") { call in
                stream(call, [.taskDue]) { event, context in
                    // The task's assignee and invitees are told.
                    guard let me = context.viewer.user?.id,
                          let task = try await context.services.taskStore.tasks(ids: [event.recordID], visibility: .all).first,
                          task.fields.assigneeID == me || task.fields.inviteeIDs.contains(me) else { return nil }
                    let reason = event.text("reason") ?? "due"
                    let at = event.text("at").flatMap(RFC3339.parse)
                    let reminder = reason == "reminder" ? task.fields.reminders.first { $0.remindAt == at } : nil
                    return ["task": task, "reason": reason.uppercased(),
                            "reminder": reminder.map { ["remindAt": $0.remindAt, "minutesBefore": $0.minutesBefore, "sentAt": $0.sentAt] as [String: (any Sendable)?] }]
                }
            }
            t.subscription("inquiryChanged") { call in stream(call, [.inquiryChanged], admit: inquiryChanged) }
            t.subscription("dealChanged") { call in
                let pipeline = call.arguments["pipelineId"].flatMap { RecordInput.id($0, of: "Pipeline") ?? -1 }
                return stream(call, [.dealChanged]) { event, context in try await dealChanged(event, pipeline, context) }
            }
        }
        for name in ["CallIncomingEvent", "CallUpdatedEvent", "MessageReceivedEvent", "MessageStatusChangedEvent", "DialogueAssignedEvent",
                     "DealChangedEvent", "PresenceChangedEvent", "SlaDeadlineApproachingEvent", "SlaBreachedEvent", "TaskDueEvent",
                     "InquiryChangedEvent"] {
            b.mapObject(name)
        }
    }

    /// The events of `kinds` after `after:` from the log, then live, admitted for the subscriber.
    static func stream(_ call: FieldCall<RequestContext>, _ kinds: Set<DomainEvent.Kind>, admit: @escaping Admit) -> LiveEvents {
        // Subscriptions of the same field and arguments for the same viewer admit an event once.
        let share = viewerKey(call.context.viewer).map { viewer in
            let arguments = call.arguments.values.filter { $0.key != "after" }.map { "\($0.key)=\($0.value.jsonText)" }.sorted()
            return "\(call.info.fieldName)(\(arguments.joined(separator: ",")))|\(viewer)"
        }
        return LiveEvents(context: call.context, kinds: kinds, after: call.arguments.string("after").map { Int64($0) ?? -1 }, share: share,
                          admit: admit)
    }

    /// Who a payload is for: the same user (any session) or the same API token sees the same;
    /// nil for a viewer whose payloads are not shared.
    static func viewerKey(_ viewer: Viewer) -> String? {
        switch viewer {
        case .user(let user, _): "user:\(user.id)"
        case .apiToken(let token, _): "token:\(token.id)"
        case .anonymous: nil
        }
    }

    static func visibleCall(_ id: Int64, _ context: RequestContext) async throws -> Call? {
        try await context.services.telephonyStore.calls(ids: [id], visibility: try await context.visibility()).first
    }

    /// A call ringing for the subscriber: routed to them, or to their department (supervisors); all for admins.
    static func callIncoming(_ event: DomainEvent, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        guard let routedTo = event.id("routedTo") else { return try await context.visibility() == .all ? callPayload(event, context) : nil }
        switch try await context.visibility() {
        case .all: break
        case .ownedBy(let ids): guard ids.contains(routedTo) else { return nil }
        case .none: return nil
        }
        return try await callPayload(event, context)
    }

    static func callPayload(_ event: DomainEvent, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        guard let found = try await context.services.telephonyStore.calls(ids: [event.recordID], visibility: .all).first else { return nil }
        let routedTo = try await IdentityResolvers.usersByID(event.id("routedTo").map { [$0] } ?? [], context).values.first
        return ["call": found, "routedTo": routedTo]
    }

    static func visibleMessage(_ event: DomainEvent, _ only: Int64?, _ context: RequestContext) async throws -> (Message, Dialogue)? {
        guard let dialogueID = event.id("dialogue"), only == nil || only == dialogueID,
              let dialogue = try await MessagingResolvers.dialoguesByID([dialogueID], context)[dialogueID],
              let message = try await context.services.messagingStore.messages(ids: [event.recordID]).first else { return nil }
        return (message, dialogue)
    }

    /// Assigned to or taken from the subscriber (their department for supervisors; all for admins).
    static func dialogueAssigned(_ event: DomainEvent, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        let assignee = event.id("assignee"), previous = event.id("previous")
        switch try await context.visibility() {
        case .all: break
        case .ownedBy(let ids): guard [assignee, previous].contains(where: { $0.map(ids.contains) ?? false }) else { return nil }
        case .none: return nil
        }
        guard let dialogue = try await context.services.messagingStore.dialogues(ids: [event.recordID],
                                                                                 visibility: DialogueVisibility(records: .all, userID: nil)).first else { return nil }
        let users = try await IdentityResolvers.usersByID([assignee, previous].compactMap { $0 }, context)
        var actor = Actor.system
        if let version = event.id("version"), let found = try await context.services.events.store.changes(entity: "Dialogue", id: dialogue.id,
                                                                                                          version: Int(version)).actor {
            actor = found
        }
        return ["dialogue": dialogue, "assignee": assignee.flatMap { users[$0] }, "previousAssignee": previous.flatMap { users[$0] },
                "actor": try await IdentityResolvers.actorObjects([actor], context).first]
    }

    /// An SLA alarm for the inquiry's assignee and the supervisors of their department (admins
    /// all); an unassigned inquiry's for whoever sees the queue.
    static func slaPayload(_ event: DomainEvent, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        guard let inquiryID = event.id("inquiry"),
              let inquiry = try await context.services.supportStore.inquiries(ids: [inquiryID], visibility: try await context.visibility()).first,
              inquiry.deletedAt == nil else { return nil }
        if let assignee = inquiry.fields.assigneeID, case .ownedBy(let ids) = try await context.visibility(), !ids.contains(assignee) { return nil }
        guard let view = try await SupportResolvers.deadlineViews([inquiry], context).first?.first(where: { $0.deadline.id == event.recordID }) else {
            return nil
        }
        return ["inquiry": inquiry, "deadline": view]
    }

    /// An inquiry the subscriber sees, with what changed and who changed it (from its history).
    /// Whether a record handed on (its event names the previous owner or assignee under `key`)
    /// was seen by the viewer through that person: then it is told once more, as it is now, so
    /// that the viewer's lists drop it.
    static func handedAway(_ event: DomainEvent, _ key: String, _ visibility: Visibility) -> Bool {
        guard let previous = event.id(key), case .ownedBy(let ids) = visibility else { return false }
        return ids.contains(previous)
    }

    static func inquiryChanged(_ event: DomainEvent, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        let visibility = try await context.visibility()
        let store = context.services.supportStore
        let seen = handedAway(event, "previousAssignee", visibility) ? .all : visibility
        guard let inquiry = try await store.inquiries(ids: [event.recordID], visibility: seen).first else { return nil }
        let change = event.text("change") ?? "updated"
        var fields: [String] = []
        var actor = Actor.system
        if let version = event.id("version") {
            let changes = try await context.services.events.store.changes(entity: "Inquiry", id: inquiry.id, version: Int(version))
            fields = change == "created" ? [] : changes.fields.map(HistoryForm.name)
            actor = changes.actor ?? .system
        }
        return ["inquiry": inquiry, "change": change.uppercased(), "changedFields": fields,
                "actor": try await IdentityResolvers.actorObjects([actor], context).first]
    }

    static func dealChanged(_ event: DomainEvent, _ pipeline: Int64?, _ context: RequestContext) async throws -> [String: (any Sendable)?]? {
        let visibility = try await context.visibility()
        let seen = handedAway(event, "previousOwner", visibility) ? .all : visibility
        guard let deal = try await context.services.dealStore.deals(ids: [event.recordID], visibility: seen).first,
              pipeline == nil || pipeline == deal.pipelineID else { return nil }
        var fields: [String] = []
        var actor = Actor.system
        var stageChange: DealStageChange?
        if let id = event.id("stageChange") {
            stageChange = try await context.services.dealStore.stageChanges(ids: [id]).first
            if let kind = event.text("actorKind") { actor = Actor(stored: kind, id: event.id("actorId")) }
            fields = ["stage", "status"]
        } else if let version = event.id("version") {
            let changes = try await context.services.events.store.changes(entity: "Deal", id: deal.id, version: Int(version))
            fields = changes.fields.map(HistoryForm.name)
            actor = changes.actor ?? .system
        }
        return ["deal": deal, "change": (event.text("change") ?? "updated").uppercased(), "stageChange": stageChange, "changedFields": fields,
                "actor": try await IdentityResolvers.actorObjects([actor], context).first]
    }
}
