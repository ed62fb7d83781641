import Foundation

/// A non-sales request from a client, handled under an SLA policy.
public struct Inquiry: Equatable, Sendable {
    public enum Status: String, Sendable, CaseIterable { case new, open, waiting, resolved, closed }
    public enum Origin: String, Sendable, CaseIterable {
        case phone, telegram, viber, vk, vkShop = "vk_shop", email, webChat = "web_chat", webForm = "web_form", manual
    }

    public var id: Int64
    public var fields: InquiryFields
    public var status: Status
    public var rejectionReason: String?
    public var firstRespondedAt: Date?
    public var waitingSince: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var deadlines: [SlaDeadline]
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, fields: InquiryFields, status: Status, rejectionReason: String?, firstRespondedAt: Date?, waitingSince: Date?,
                resolvedAt: Date?, closedAt: Date?, deadlines: [SlaDeadline], createdAt: Date, updatedAt: Date, createdBy: Int64?,
                version: Int, deletedAt: Date?) {
        self.id = id
        self.fields = fields
        self.status = status
        self.rejectionReason = rejectionReason
        self.firstRespondedAt = firstRespondedAt
        self.waitingSince = waitingSince
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.deadlines = deadlines
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The public number, e.g. `S-000042`.
    public var number: String { String(format: "S-%06lld", id) }
}

/// The editable fields of an inquiry.
public struct InquiryFields: Equatable, Sendable {
    public var subject: String
    public var description: String?
    public var origin: Inquiry.Origin
    public var clientID: Int64?
    public var contactID: Int64?
    public var assigneeID: Int64?
    public var priority: TaskItem.Priority
    public var category: String?
    public var slaPolicyID: Int64?
    /// The call it was registered for.
    public var callID: Int64?
    /// The dialogue it came from.
    public var dialogueID: Int64?

    public init(subject: String, description: String? = nil, origin: Inquiry.Origin = .manual, clientID: Int64? = nil,
                contactID: Int64? = nil, assigneeID: Int64? = nil, priority: TaskItem.Priority = .normal, category: String? = nil,
                slaPolicyID: Int64? = nil, callID: Int64? = nil, dialogueID: Int64? = nil) {
        self.dialogueID = dialogueID
        self.subject = subject
        self.description = description
        self.origin = origin
        self.clientID = clientID
        self.contactID = contactID
        self.assigneeID = assigneeID
        self.priority = priority
        self.category = category
        self.slaPolicyID = slaPolicyID
        self.callID = callID
    }
}

/// The state of an inquiry as a write stores it.
public struct InquiryState: Sendable {
    public var fields: InquiryFields
    public var status: Inquiry.Status
    public var rejectionReason: String?
    public var firstRespondedAt: Date?
    public var waitingSince: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var deadlines: [SlaDeadline]

    public init(_ inquiry: Inquiry) {
        fields = inquiry.fields
        status = inquiry.status
        rejectionReason = inquiry.rejectionReason
        firstRespondedAt = inquiry.firstRespondedAt
        waitingSince = inquiry.waitingSince
        resolvedAt = inquiry.resolvedAt
        closedAt = inquiry.closedAt
        deadlines = inquiry.deadlines
    }

    public init(fields: InquiryFields, deadlines: [SlaDeadline]) {
        self.fields = fields
        status = .new
        self.deadlines = deadlines
    }
}

/// Filter, order and page of an inquiry list.
public struct InquiryQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case createdAt, updatedAt, priority, nextDeadline }

    public var text: String?
    public var statuses: [Inquiry.Status]?
    public var priorities: [TaskItem.Priority]?
    public var origins: [Inquiry.Origin]?
    public var assigneeIDs: [Int64]?
    public var unassigned: Bool?
    public var clientIDs: [Int64]?
    /// Only those registered for these calls.
    public var callIDs: [Int64]?
    /// Only those from these dialogues.
    public var dialogueIDs: [Int64]?
    public var categories: [String]?
    public var rejected: Bool?
    /// With at least one deadline in one of these states as of `now` (a running deadline past
    /// its time counts as missed).
    public var slaStates: [SlaDeadline.State]?
    public var now = Date()
    /// Only those from dialogues of these channels.
    public var channelIDs: [Int64]?
    /// Registered in `[createdFrom, createdTo)`.
    public var createdFrom: Date?
    public var createdTo: Date?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .createdAt
    public var page = PageRequest()

    public init() {}
}

/// What the support services need from storage. An inquiry is seen by its assignee and its
/// creator (their supervisor, admins); an unassigned one by everyone who reads — it is the queue.
public protocol SupportStore: Sendable {
    func calendars(ids: [Int64]) async throws -> [WorkingCalendar]
    func calendars(text: String?, deleted: DeletedFilter) async throws -> [WorkingCalendar]
    func defaultCalendar() async throws -> WorkingCalendar?
    func insertCalendar(_ calendar: WorkingCalendar, createdBy: Int64?, at: Date) async throws -> WorkingCalendar
    func updateCalendar(_ calendar: WorkingCalendar, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                        at: Date) async throws -> VersionedWrite<WorkingCalendar>

    func policies(ids: [Int64]) async throws -> [SlaPolicy]
    func policies(text: String?, deleted: DeletedFilter) async throws -> [SlaPolicy]
    func defaultPolicy() async throws -> SlaPolicy?
    func insertPolicy(_ policy: SlaPolicy, createdBy: Int64?, at: Date) async throws -> SlaPolicy
    func updatePolicy(_ policy: SlaPolicy, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                      at: Date) async throws -> VersionedWrite<SlaPolicy>

    func inquiries(ids: [Int64], visibility: Visibility) async throws -> [Inquiry]
    func inquiries(_ query: InquiryQuery, visibility: Visibility) async throws -> Page<Inquiry>
    func insertInquiry(_ state: InquiryState, createdBy: Int64?, at: Date) async throws -> Inquiry
    /// Writes the inquiry and its deadlines if its version is still `expectedVersion`, with the history.
    func updateInquiry(id: Int64, expectedVersion: Int?, state: InquiryState, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                       at: Date) async throws -> VersionedWrite<Inquiry>
}
