import Foundation

/// The fields an inquiry is created or updated with, as the caller gave them.
public struct InquiryInput: Sendable {
    public var subject: Change<String> = .keep
    public var description: Change<String?> = .keep
    public var origin: Inquiry.Origin?
    /// On create, a client found by any identifying value.
    public var clientLookup: ClientLookup?
    public var clientID: Change<Int64?> = .keep
    public var contactID: Change<Int64?> = .keep
    public var assigneeID: Change<Int64?> = .keep
    public var priority: Change<TaskItem.Priority> = .keep
    public var category: Change<String?> = .keep
    public var slaPolicyID: Change<Int64?> = .keep
    /// The call it is registered for (on create).
    public var callID: Int64?
    /// The dialogue it came from (on create).
    public var dialogueID: Int64?

    public init() {}
}

/// Support inquiries under SLA: created with their deadlines (first response, resolution) in the
/// policy's business hours; the first move out of `NEW` is the first response; waiting for the
/// client pauses the clock; resolving or closing meets the resolution; reopening counts again
/// with the minutes left; a new priority or policy moves the deadlines.
public struct InquiryService: Sendable {
    public let store: any SupportStore
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let identity: any IdentityStore
    public let calls: any TelephonyStore
    public let dialogues: any MessagingStore
    public let clock: any WallClock

    public init(store: any SupportStore, clients: any ClientStore, contacts: any ContactStore, identity: any IdentityStore,
                calls: any TelephonyStore, dialogues: any MessagingStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.calls = calls
        self.dialogues = dialogues
        self.clients = clients
        self.contacts = contacts
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let inquiry: Inquiry?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, input: InquiryInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        var fields = InquiryFields(subject: "")
        fields.origin = input.origin ?? .manual
        if let lookup = input.clientLookup {
            if let client = try await clients.client(lookup: lookup, visibility: visibility) { fields.clientID = client.id }
            else { errors.add(["client"], "No client matches.", "NOT_FOUND") }
        }
        if let callID = input.callID {
            // An inquiry registered for a call takes the call's client and contact unless named.
            if let call = try await calls.calls(ids: [callID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                fields.callID = call.id
                // A call's inquiry came by phone unless the caller says otherwise (MANUAL is the default).
                fields.origin = input.origin.flatMap { $0 == .manual ? nil : $0 } ?? .phone
                if case .keep = input.clientID, fields.clientID == nil { fields.clientID = call.state.clientID }
                if case .keep = input.contactID { fields.contactID = call.state.contactID }
            } else {
                errors.add(["callId"], "No such call.", "NOT_FOUND")
            }
        }
        if let dialogueID = input.dialogueID {
            // An inquiry from a dialogue comes through its channel, with its client and contact unless named.
            let seen = DialogueVisibility(records: visibility, userID: viewer.user?.id)
            if let dialogue = try await dialogues.dialogues(ids: [dialogueID], visibility: seen).first(where: { $0.deletedAt == nil && $0.kind == .client }),
               let channel = try await dialogues.channels(ids: [dialogue.channelID]).first {
                fields.dialogueID = dialogue.id
                fields.origin = input.origin.flatMap { $0 == .manual ? nil : $0 } ?? Inquiry.Origin(rawValue: channel.kind.rawValue) ?? .manual
                // The channel's policy, unless one is named.
                if case .keep = input.slaPolicyID { fields.slaPolicyID = channel.slaPolicyID }
                if case .keep = input.clientID, fields.clientID == nil { fields.clientID = dialogue.clientID }
                if case .keep = input.contactID, fields.contactID == nil { fields.contactID = dialogue.contactID }
            } else {
                errors.add(["dialogueId"], "No such dialogue.", "NOT_FOUND")
            }
        }
        fields = try await apply(input, to: fields, viewer: viewer, visibility: visibility, creating: true, &errors)
        let policy = try await policy(fields.slaPolicyID, &errors)
        guard errors.list.isEmpty else { return Outcome(inquiry: nil, userErrors: errors.list) }
        fields.slaPolicyID = policy?.policy.id
        let now = clock.now()
        let deadlines = policy.map { SlaClock.start($0.policy.target(for: fields.priority), at: now, hours: $0.hours) } ?? []
        let inquiry = try await store.insertInquiry(InquiryState(fields: fields, deadlines: deadlines), createdBy: viewer.user?.id, at: now)
        return Outcome(inquiry: inquiry, userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: InquiryInput) async throws -> Outcome {
        let (current, visibility) = try await visibleInquiry(viewer, id)
        var errors = Errors()
        let fields = try await apply(input, to: current.fields, viewer: viewer, visibility: visibility, creating: false, &errors)
        var state = InquiryState(current)
        state.fields = fields
        if fields.priority != current.fields.priority || fields.slaPolicyID != current.fields.slaPolicyID {
            // A policy named anew must be live; the inquiry's own keeps counting even if deleted since.
            let policy = try await policy(fields.slaPolicyID, &errors, allowDeleted: fields.slaPolicyID == current.fields.slaPolicyID)
            state.fields.slaPolicyID = policy?.policy.id
            if let policy {
                state.deadlines = SlaClock.retarget(current.deadlines, policy.policy.target(for: fields.priority), at: clock.now(),
                                                    hours: policy.hours, responded: current.firstRespondedAt != nil,
                                                    waiting: current.status == .waiting,
                                                    finished: current.status == .resolved || current.status == .closed)
            }
        }
        guard errors.list.isEmpty else { return Outcome(inquiry: current, userErrors: errors.list) }
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    public func assign(_ viewer: Viewer, id: Int64, version: Int, assigneeID: Int64?) async throws -> Outcome {
        var input = InquiryInput()
        input.assigneeID = .set(assigneeID)
        return try await update(viewer, id: id, version: version, input: input)
    }

    public func setStatus(_ viewer: Viewer, id: Int64, version: Int, status: Inquiry.Status) async throws -> Outcome {
        let (current, _) = try await visibleInquiry(viewer, id)
        guard status != current.status else {
            if version != current.version { return Outcome(inquiry: current, userErrors: [.staleVersion("inquiry", current: current.version)]) }
            return Outcome(inquiry: current, userErrors: [])
        }
        if status == .new {
            return Outcome(inquiry: current, userErrors: [UserError(field: ["input", "status"],
                message: "An inquiry cannot go back to new.", code: "INVALID_STATE")])
        }
        let hours = try await self.hours(current.fields.slaPolicyID)
        return try await write(current, version: version, state: Self.transition(current, to: status, at: clock.now(), hours: hours),
                               viewer: viewer)
    }

    /// Rejects an inquiry that is not closed: it closes with the reason, and its clocks stop.
    public func reject(_ viewer: Viewer, id: Int64, version: Int, reason: String) async throws -> Outcome {
        let (current, _) = try await visibleInquiry(viewer, id)
        guard current.status != .closed else {
            return Outcome(inquiry: current, userErrors: [UserError(field: ["input", "id"], message: "The inquiry is closed already.",
                                                                    code: "INVALID_STATE")])
        }
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            return Outcome(inquiry: current, userErrors: [UserError(field: ["input", "reason"], message: "Say why.", code: "REQUIRED")])
        }
        let hours = try await self.hours(current.fields.slaPolicyID)
        var state = Self.transition(current, to: .closed, at: clock.now(), hours: hours)
        state.rejectionReason = text
        // A rejected inquiry is closed, not resolved.
        state.resolvedAt = current.resolvedAt
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let (current, _) = try await visibleInquiry(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(inquiry: current, userErrors: []) }
        let now = clock.now()
        return try await write(current, version: version, state: InquiryState(current), deletedAt: deleted ? now : nil,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    /// The state after a status change, with the SLA clocks it moves.
    /// Opens the inquiry of a new client dialogue (its client, contact and assignee; origin from
    /// the channel), under the channel's policy or the default one.
    public func register(for dialogue: Dialogue, channelKind: Channel.Kind, slaPolicyID: Int64?, subject: String) async throws -> Inquiry {
        var errors = Errors()
        var policy = try await policy(slaPolicyID, &errors)
        if policy == nil, slaPolicyID != nil { policy = try await self.policy(nil, &errors) }
        let fields = InquiryFields(subject: subject, origin: Inquiry.Origin(rawValue: channelKind.rawValue) ?? .manual, clientID: dialogue.clientID,
                                   contactID: dialogue.contactID, assigneeID: dialogue.assigneeID, slaPolicyID: policy?.policy.id,
                                   dialogueID: dialogue.id)
        let now = clock.now()
        let deadlines = policy.map { SlaClock.start($0.policy.target(for: fields.priority), at: now, hours: $0.hours) } ?? []
        return try await store.insertInquiry(InquiryState(fields: fields, deadlines: deadlines), createdBy: nil, at: now)
    }

    /// A user answered in a dialogue: its new inquiries have their first response, and a
    /// next response that was due is met.
    public func answered(fromDialogue dialogueID: Int64) async throws {
        try await follow(dialogueID, statuses: [.new, .open, .waiting]) { inquiry, now, hours, _ in
            var state = inquiry.status == .new ? Self.transition(inquiry, to: .open, at: now, hours: hours) : InquiryState(inquiry)
            state.deadlines = SlaClock.meet(state.deadlines, [.nextResponse], at: now, hours: hours)
            return state
        }
    }

    /// The client wrote again in a dialogue: an inquiry waiting for them is open again, and one
    /// answered before awaits its next response.
    public func clientWrote(inDialogue dialogueID: Int64) async throws {
        try await follow(dialogueID, statuses: [.open, .waiting]) { inquiry, now, hours, target in
            var state = inquiry.status == .waiting ? Self.transition(inquiry, to: .open, at: now, hours: hours) : InquiryState(inquiry)
            if state.firstRespondedAt != nil {
                state.deadlines = SlaClock.awaitNextResponse(state.deadlines, target, at: now, hours: hours, waiting: false)
            }
            return state
        }
    }

    /// Applies `change` to the dialogue's inquiries in these statuses, as the system.
    private func follow(_ dialogueID: Int64, statuses: [Inquiry.Status],
                        _ change: (Inquiry, Date, BusinessHours, SlaTarget?) -> InquiryState) async throws {
        var query = InquiryQuery()
        query.dialogueIDs = [dialogueID]
        query.statuses = statuses
        for inquiry in try await store.inquiries(query, visibility: .all).items {
            var errors = Errors()
            let policy = try await policy(inquiry.fields.slaPolicyID, &errors, allowDeleted: true)
            let now = clock.now()
            let state = change(inquiry, now, try await hours(inquiry.fields.slaPolicyID), policy?.policy.target(for: inquiry.fields.priority))
            let edits = Self.edits(inquiry, state)
            guard edits.isEmpty == false || state.deadlines != inquiry.deadlines else { continue }
            _ = try await store.updateInquiry(id: inquiry.id, expectedVersion: inquiry.version, state: state, deletedAt: inquiry.deletedAt,
                                              edits: edits, actor: .system, at: now)
        }
    }

    static func transition(_ current: Inquiry, to status: Inquiry.Status, at now: Date, hours: BusinessHours) -> InquiryState {
        var state = InquiryState(current)
        state.status = status
        var deadlines = current.deadlines
        if current.status == .new, state.firstRespondedAt == nil {
            state.firstRespondedAt = now
            deadlines = SlaClock.meet(deadlines, [.firstResponse], at: now, hours: hours)
        }
        if current.status == .waiting {
            deadlines = SlaClock.resume(deadlines, at: now, hours: hours)
            state.waitingSince = nil
        }
        if current.status == .resolved || current.status == .closed, status == .open || status == .waiting {
            deadlines = SlaClock.reopen(deadlines, at: now, hours: hours)
            state.resolvedAt = nil
            state.closedAt = nil
            state.rejectionReason = nil
        }
        switch status {
        case .waiting:
            deadlines = SlaClock.pause(deadlines, at: now, hours: hours)
            state.waitingSince = now
        case .resolved:
            deadlines = SlaClock.meet(deadlines, [.resolution, .nextResponse], at: now, hours: hours)
            state.resolvedAt = now
        case .closed:
            deadlines = SlaClock.meet(deadlines, [.firstResponse, .nextResponse, .resolution], at: now, hours: hours)
            state.resolvedAt = state.resolvedAt ?? now
            state.closedAt = now
        case .new, .open:
            break
        }
        state.deadlines = deadlines
        return state
    }

    // MARK: Helpers

    private func write(_ current: Inquiry, version: Int?, state: InquiryState, deletedAt: Date?? = nil, extra: [FieldEdit] = [],
                       viewer: Viewer) async throws -> Outcome {
        let edits = Self.edits(current, state) + extra
        let (inquiry, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                edits: edits, noun: "inquiry", version: \.version) {
            try await store.updateInquiry(id: current.id, expectedVersion: version ?? current.version, state: state, deletedAt: deletedAt ?? current.deletedAt,
                                          edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(inquiry: inquiry, userErrors: errors)
    }

    /// The chosen policy (or the default) with its business hours; a deleted one only when allowed.
    private func policy(_ id: Int64?, _ errors: inout Errors, allowDeleted: Bool = false) async throws -> (policy: SlaPolicy, hours: BusinessHours)? {
        let policy: SlaPolicy?
        if let id {
            policy = try await store.policies(ids: [id]).first { allowDeleted || $0.deletedAt == nil }
            if policy == nil { errors.add(["slaPolicyId"], "No such SLA policy.", "NOT_FOUND") }
        } else {
            policy = try await store.defaultPolicy()
        }
        guard let policy, let calendar = try await store.calendars(ids: [policy.calendarID]).first else { return nil }
        return (policy, BusinessHours(calendar))
    }

    private func hours(_ policyID: Int64?) async throws -> BusinessHours {
        var errors = Errors()
        if let policyID, let found = try await policy(policyID, &errors, allowDeleted: true) { return found.hours }
        return BusinessHours(WorkingCalendar(name: "", timeZone: "UTC", week: Array(repeating: [WorkInterval(start: 0, end: 1440)], count: 7)))
    }


    private func visibleInquiry(_ viewer: Viewer, _ id: Int64) async throws -> (Inquiry, Visibility) {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let inquiry = try await store.inquiries(ids: [id], visibility: visibility).first else { throw DomainError.notFound("No such inquiry.") }
        return (inquiry, visibility)
    }

    func apply(_ input: InquiryInput, to start: InquiryFields, viewer: Viewer, visibility: Visibility, creating: Bool,
               _ errors: inout Errors) async throws -> InquiryFields {
        var fields = start
        if case .set(let subject) = input.subject {
            fields.subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.subject.isEmpty { errors.add(["subject"], "Enter a subject.", "REQUIRED") }
            else if fields.subject.count > 500 { errors.add(["subject"], "At most 500 characters.", "TOO_LONG") }
        } else if creating {
            errors.add(["subject"], "Enter a subject.", "REQUIRED")
        }
        if case .set(let description) = input.description { fields.description = PipelineService.trimmed(description) }
        if case .set(let category) = input.category { fields.category = PipelineService.trimmed(category) }
        if case .set(let priority) = input.priority { fields.priority = priority }
        if case .set(let policy) = input.slaPolicyID { fields.slaPolicyID = policy }
        if case .set(let clientID) = input.clientID {
            if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["clientId"], "No such client.", "NOT_FOUND")
            }
            fields.clientID = clientID
        }
        if case .set(let contactID) = input.contactID {
            if let contactID {
                if let contact = try await contacts.contacts(ids: [contactID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    if fields.clientID == nil { fields.clientID = contact.fields.clientID }
                } else {
                    errors.add(["contactId"], "No such contact.", "NOT_FOUND")
                }
            }
            fields.contactID = contactID
        }
        if case .set(let assignee) = input.assigneeID {
            if let assignee {
                let user = try await identity.user(id: assignee)
                if user == nil || user?.deletedAt != nil { errors.add(["assigneeId"], "No such user.", "NOT_FOUND") }
                else if let allowed = try await Assignment.allowed(viewer, store: identity), !allowed.contains(assignee) {
                    errors.add(["assigneeId"], "You can hand inquiries only to colleagues of your department.", "NOT_ALLOWED")
                }
            }
            fields.assigneeID = assignee
        }
        return fields
    }

    static func edits(_ current: Inquiry, _ state: InquiryState) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        func id(_ name: String, _ a: Int64?, _ b: Int64?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        let (a, b) = (current.fields, state.fields)
        text("subject", a.subject, b.subject)
        text("description", a.description, b.description)
        text("category", a.category, b.category)
        text("priority", a.priority.rawValue, b.priority.rawValue)
        id("clientId", a.clientID, b.clientID)
        id("contactId", a.contactID, b.contactID)
        id("assigneeId", a.assigneeID, b.assigneeID)
        id("slaPolicyId", a.slaPolicyID, b.slaPolicyID)
        text("status", current.status.rawValue, state.status.rawValue)
        text("rejectionReason", current.rejectionReason, state.rejectionReason)
        return edits
    }
}
