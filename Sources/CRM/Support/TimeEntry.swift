import Foundation

/// Minutes a user spent on an inquiry or for a client, on a work date.
public struct TimeEntry: Equatable, Sendable {
    public var id: Int64
    public var userID: Int64
    public var inquiryID: Int64?
    public var clientID: Int64?
    /// `YYYY-MM-DD` in the user's time zone.
    public var date: String
    public var minutes: Int
    public var note: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, userID: Int64, inquiryID: Int64?, clientID: Int64?, date: String, minutes: Int, note: String?,
                createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.inquiryID = inquiryID
        self.clientID = clientID
        self.date = date
        self.minutes = minutes
        self.note = note
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// Which entries a list or a total covers.
public struct TimeEntryQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case date, createdAt }
    public enum Grouping: String, Sendable { case user = "user_id", inquiry = "inquiry_id", client = "client_id", date }

    public var userIDs: [Int64]?
    public var inquiryIDs: [Int64]?
    public var clientIDs: [Int64]?
    /// Inclusive `YYYY-MM-DD` bounds.
    public var from: String?
    public var to: String?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .date
    public var page = PageRequest()

    public init() {}
}

/// One sum of a `timeTotals` grouping: the group's key (a row id, or a date), minutes, entries.
public struct TimeTotal: Equatable, Sendable {
    public let key: String
    public let minutes: Int
    public let entryCount: Int

    public init(key: String, minutes: Int, entryCount: Int) {
        self.key = key
        self.minutes = minutes
        self.entryCount = entryCount
    }
}

/// What time tracking needs from storage. An entry is seen by its user, their supervisor and admins.
public protocol TimeEntryStore: Sendable {
    func timeEntries(ids: [Int64], visibility: Visibility) async throws -> [TimeEntry]
    func timeEntries(_ query: TimeEntryQuery, visibility: Visibility) async throws -> Page<TimeEntry>
    /// Live entries matching `query`, summed per group, largest total first.
    func timeTotals(_ query: TimeEntryQuery, groupedBy: TimeEntryQuery.Grouping, visibility: Visibility) async throws -> [TimeTotal]
    /// Live minutes per inquiry, or per client within inclusive dates.
    func minutes(inquiryIDs: [Int64], visibility: Visibility) async throws -> [Int64: Int]
    func minutes(clientIDs: [Int64], from: String?, to: String?, visibility: Visibility) async throws -> [Int64: Int]
    func insertTimeEntry(_ entry: TimeEntry, createdBy: Int64?, at: Date) async throws -> TimeEntry
    func updateTimeEntry(_ entry: TimeEntry, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                         at: Date) async throws -> VersionedWrite<TimeEntry>
}

/// Recording time: on an inquiry or client the user sees, 1 to 1440 minutes on a real date
/// (today in the user's zone by default); for oneself, or — for supervisors and admins — for a
/// colleague they may hand work to.
public struct TimeEntryService: Sendable {
    public let entries: any TimeEntryStore
    public let support: any SupportStore
    public let clients: any ClientStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(entries: any TimeEntryStore, support: any SupportStore, clients: any ClientStore, identity: any IdentityStore,
                clock: any WallClock = SystemClock()) {
        self.entries = entries
        self.support = support
        self.clients = clients
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let entry: TimeEntry?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, inquiryID: Int64?, clientID: Int64?, userID: Int64?, date: String?, minutes: Int,
                       note: String?) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        var viewerUser = viewer.user
        if viewerUser == nil, let userID { viewerUser = try await identity.user(id: userID) }
        guard let me = viewerUser else {
            throw DomainError.forbidden("Time is recorded for a user: use a token that acts as one, or name the user.")
        }
        var worker = me
        if let userID, userID != me.id {
            let user = try await identity.user(id: userID)
            if user == nil || user?.deletedAt != nil { errors.add(["userId"], "No such user.", "NOT_FOUND") }
            else if viewer.user?.role == .manager || viewer.user?.role == .operator {
                errors.add(["userId"], "Only supervisors and admins record time for others.", "NOT_ALLOWED")
            } else if let allowed = try await Assignment.allowed(viewer, store: identity), !allowed.contains(userID) {
                errors.add(["userId"], "You record time only for colleagues of your department.", "NOT_ALLOWED")
            }
            if let user { worker = user }
        }
        var client = clientID
        if inquiryID == nil && clientID == nil { errors.add(["inquiryId"], "Name the inquiry or the client the time was for.", "REQUIRED") }
        if let inquiryID {
            if let inquiry = try await support.inquiries(ids: [inquiryID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                if client == nil { client = inquiry.fields.clientID }
            } else {
                errors.add(["inquiryId"], "No such inquiry.", "NOT_FOUND")
            }
        }
        if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
            errors.add(["clientId"], "No such client.", "NOT_FOUND")
        }
        let day = date ?? CalendarDate.today(now: clock.now(), timeZone: TimeZone(identifier: worker.timeZone) ?? .gmt)
        let entry = TimeEntry(userID: worker.id, inquiryID: inquiryID, clientID: client, date: day,
                              minutes: Self.checked(minutes, &errors), note: Self.checked(note: note, &errors))
        if !CalendarDate.isValid(day) { errors.add(["date"], "\"\(day)\" is not a date (YYYY-MM-DD).", "INVALID") }
        guard errors.list.isEmpty else { return Outcome(entry: nil, userErrors: errors.list) }
        return Outcome(entry: try await entries.insertTimeEntry(entry, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, date: String?, minutes: Int?, note: Change<String?>) async throws -> Outcome {
        let current = try await visibleEntry(viewer, id)
        var errors = Errors()
        var next = current
        if let date {
            if !CalendarDate.isValid(date) { errors.add(["date"], "\"\(date)\" is not a date (YYYY-MM-DD).", "INVALID") }
            next.date = date
        }
        if let minutes { next.minutes = Self.checked(minutes, &errors) }
        if case .set(let text) = note { next.note = Self.checked(note: text, &errors) }
        guard errors.list.isEmpty else { return Outcome(entry: current, userErrors: errors.list) }
        var edits: [FieldEdit] = []
        if current.date != next.date { edits.append(FieldEdit("date", old: FieldEdit.json(current.date), new: FieldEdit.json(next.date))) }
        if current.minutes != next.minutes { edits.append(FieldEdit("minutes", old: "\(current.minutes)", new: "\(next.minutes)")) }
        if current.note != next.note { edits.append(FieldEdit("note", old: FieldEdit.json(current.note), new: FieldEdit.json(next.note))) }
        return try await write(current, next, version: version, edits: edits, viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let current = try await visibleEntry(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(entry: current, userErrors: []) }
        var next = current
        let now = clock.now()
        next.deletedAt = deleted ? now : nil
        return try await write(current, next, version: version,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func write(_ current: TimeEntry, _ next: TimeEntry, version: Int?, edits: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let (entry, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                              edits: edits, noun: "time entry", version: \.version) {
            try await entries.updateTimeEntry(next, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(entry: entry, userErrors: errors)
    }

    private func visibleEntry(_ viewer: Viewer, _ id: Int64) async throws -> TimeEntry {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let entry = try await entries.timeEntries(ids: [id], visibility: visibility).first else { throw DomainError.notFound("No such time entry.") }
        return entry
    }

    static func checked(_ minutes: Int, _ errors: inout Errors) -> Int {
        if !(1...1440).contains(minutes) { errors.add(["minutes"], "Minutes are 1 to 1440.", "OUT_OF_RANGE") }
        return minutes
    }

    static func checked(note: String?, _ errors: inout Errors) -> String? {
        let text = PipelineService.trimmed(note)
        if (text?.count ?? 0) > 2000 { errors.add(["note"], "At most 2000 characters.", "TOO_LONG") }
        return text
    }
}
