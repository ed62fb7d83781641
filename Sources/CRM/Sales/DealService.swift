import Foundation

/// The fields a deal is created or updated with, as the caller gave them (not yet checked).
public struct DealInput: Sendable {
    public var title: Change<String> = .keep
    public var amount: Change<String?> = .keep
    public var currency: Change<String?> = .keep
    public var expectedCloseDate: Change<String?> = .keep
    public var ownerID: Change<Int64?> = .keep
    public var clientID: Change<Int64?> = .keep
    public var contactID: Change<Int64?> = .keep
    public var source: Change<String?> = .keep
    public var campaign: Change<String?> = .keep
    /// On create the whole object; on update a JSON merge patch (RFC 7396). JSON object text.
    public var customFields: Change<String> = .keep

    public init() {}
}

/// Creating and changing deals: the same record rules as clients (visibility, versions, history),
/// plus the stage rules — a deal moves only while open, only to a live stage of its pipeline (or of
/// the pipeline named), and every move, win, loss and reopening is kept in its stage history.
public struct DealService: Sendable {
    public let deals: any DealStore
    public let pipelines: any PipelineStore
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let inquiries: any SupportStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(deals: any DealStore, pipelines: any PipelineStore, clients: any ClientStore, contacts: any ContactStore,
                inquiries: any SupportStore, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.deals = deals
        self.inquiries = inquiries
        self.pipelines = pipelines
        self.clients = clients
        self.contacts = contacts
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let deal: Deal?
        /// The stage-history entry a move recorded.
        public let stageChange: DealStageChange?
        public let userErrors: [UserError]

        init(_ deal: Deal?, _ errors: [UserError], stageChange: DealStageChange? = nil) {
            self.deal = deal
            self.stageChange = stageChange
            self.userErrors = errors
        }
    }

    public func create(_ viewer: Viewer, pipelineID: Int64?, stageID: Int64?, inquiryID: Int64?, input: DealInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        var pipeline: Pipeline?
        if let pipelineID {
            pipeline = try await pipelines.pipelines(ids: [pipelineID]).first { $0.deletedAt == nil }
            if pipeline == nil { errors.add(["pipelineId"], "No such pipeline.", "NOT_FOUND") }
        } else {
            pipeline = try await pipelines.defaultPipeline()
            if pipeline == nil { errors.add(["pipelineId"], "There is no pipeline yet: an admin creates one first.", "NOT_FOUND") }
        }
        var stage: PipelineStage?
        if let pipeline {
            if let stageID {
                stage = try await liveStage(stageID, in: pipeline.id, path: ["stageId"], &errors)
            } else {
                stage = try await pipelines.stages(pipelineIDs: [pipeline.id], includeDeleted: false).first
            }
        }
        var inquiry: Inquiry?
        if let inquiryID {
            // A deal registered from an inquiry is for its client and contact unless named.
            inquiry = try await inquiries.inquiries(ids: [inquiryID], visibility: visibility).first { $0.deletedAt == nil }
            if inquiry == nil { errors.add(["inquiryId"], "No such inquiry.", "NOT_FOUND") }
        }
        var input = input
        if let inquiry, case .keep = input.clientID, case .keep = input.contactID, let clientID = inquiry.fields.clientID,
           try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) != nil {
            input.clientID = .set(clientID)
            input.contactID = .set(inquiry.fields.contactID)
        }
        if case .keep = input.currency { input.currency = .set(nil) }
        let start = DealFields(title: "", currency: pipeline?.defaultCurrency ?? "RUB", ownerID: viewer.user?.id)
        var fields = try await apply(input, to: start, defaultCurrency: pipeline?.defaultCurrency ?? "RUB",
                                     visibility: visibility, creating: true, &errors)
        fields.inquiryID = inquiry?.id
        guard errors.list.isEmpty, let pipeline, let stage else { return Outcome(nil, errors.list) }
        let now = clock.now()
        let deal = try await deals.insertDeal(DealState(fields: fields, pipelineID: pipeline.id, stageID: stage.id, status: .open,
                                                        stageEnteredAt: now),
                                              createdBy: viewer.user?.id, actor: Actor(viewer), at: now)
        return Outcome(deal, [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: DealInput) async throws -> Outcome {
        let (current, visibility) = try await visibleDeal(viewer, id)
        var errors = Errors()
        let pipeline = try await pipelines.pipelines(ids: [current.pipelineID]).first
        let fields = try await apply(input, to: current.fields, defaultCurrency: pipeline?.defaultCurrency ?? current.fields.currency,
                                     visibility: visibility, creating: false, &errors)
        guard errors.list.isEmpty else { return Outcome(current, errors.list) }
        var state = DealState(current)
        state.fields = fields
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    /// Moves an open deal to a live stage of its pipeline, or of `pipelineID` when given.
    public func move(_ viewer: Viewer, id: Int64, version: Int, stageID: Int64, pipelineID: Int64?) async throws -> Outcome {
        let (current, _) = try await visibleDeal(viewer, id)
        var errors = Errors()
        guard current.status == .open else {
            return Outcome(current, [UserError(field: ["input", "id"], message: "The deal is \(current.status.rawValue): reopen it first.",
                                               code: "INVALID_STATE")])
        }
        var targetPipeline = current.pipelineID
        if let pipelineID {
            if try await pipelines.pipelines(ids: [pipelineID]).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["pipelineId"], "No such pipeline.", "NOT_FOUND")
                return Outcome(current, errors.list)
            }
            targetPipeline = pipelineID
        }
        guard let stage = try await liveStage(stageID, in: targetPipeline, path: ["stageId"], &errors) else {
            return Outcome(current, errors.list)
        }
        guard stage.id != current.stageID else {
            if version != current.version { return Outcome(current, [.staleVersion("deal", current: current.version)]) }
            return Outcome(current, [])
        }
        var state = DealState(current)
        state.pipelineID = stage.pipelineID
        state.stageID = stage.id
        state.stageEnteredAt = clock.now()
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    /// Closes an open deal as won, with its final amount when given.
    public func win(_ viewer: Viewer, id: Int64, version: Int, amount: String?) async throws -> Outcome {
        let (current, _) = try await visibleDeal(viewer, id)
        guard current.status == .open else { return Outcome(current, [notOpen(current)]) }
        var state = DealState(current)
        if let amount {
            do throws(Amount.Invalid) { state.fields.amount = try Amount.normalize(amount) } catch {
                return Outcome(current, [UserError(field: ["input", "amount"], message: error.message, code: error.code)])
            }
        }
        state.status = .won
        state.closedAt = clock.now()
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    /// Closes an open deal as lost, with the reason.
    public func lose(_ viewer: Viewer, id: Int64, version: Int, reason: String) async throws -> Outcome {
        let (current, _) = try await visibleDeal(viewer, id)
        guard current.status == .open else { return Outcome(current, [notOpen(current)]) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { return Outcome(current, [UserError(field: ["input", "lossReason"], message: "Say why the deal was lost.", code: "REQUIRED")]) }
        if reason.count > 1000 { return Outcome(current, [UserError(field: ["input", "lossReason"], message: "At most 1000 characters.", code: "TOO_LONG")]) }
        var state = DealState(current)
        state.status = .lost
        state.lossReason = reason
        state.closedAt = clock.now()
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    /// Reopens a won or lost deal in the stage it was closed in, or in `stageID` of its pipeline.
    public func reopen(_ viewer: Viewer, id: Int64, version: Int, stageID: Int64?) async throws -> Outcome {
        let (current, _) = try await visibleDeal(viewer, id)
        guard current.status != .open else {
            return Outcome(current, [UserError(field: ["input", "id"], message: "The deal is open already.", code: "INVALID_STATE")])
        }
        var errors = Errors()
        var state = DealState(current)
        if try await pipelines.pipelines(ids: [current.pipelineID]).first?.deletedAt != nil {
            return Outcome(current, [UserError(field: ["input", "id"], message: "The deal's pipeline is deleted: restore it first.",
                                               code: "INVALID_STATE")])
        }
        if let stageID {
            guard let stage = try await liveStage(stageID, in: current.pipelineID, path: ["stageId"], &errors) else {
                return Outcome(current, errors.list)
            }
            state.stageID = stage.id
        } else if try await pipelines.stages(ids: [current.stageID]).first?.deletedAt != nil {
            return Outcome(current, [UserError(field: ["input", "stageId"],
                                               message: "The stage the deal was closed in is deleted: name another one.", code: "REQUIRED")])
        }
        state.status = .open
        state.lossReason = nil
        state.closedAt = nil
        state.stageEnteredAt = clock.now()
        return try await write(current, version: version, state: state, viewer: viewer)
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let (current, _) = try await visibleDeal(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(current, []) }
        // An open deal comes back only into a live stage of a live pipeline.
        if !deleted, current.status == .open {
            let stage = try await pipelines.stages(ids: [current.stageID]).first
            let pipeline = try await pipelines.pipelines(ids: [current.pipelineID]).first
            if stage?.deletedAt != nil || pipeline?.deletedAt != nil {
                return Outcome(current, [UserError(field: ["input", "id"],
                    message: "The deal's stage or pipeline is deleted: restore it first.", code: "INVALID_STATE")])
            }
        }
        let now = clock.now()
        return try await write(current, version: version, state: DealState(current), deletedAt: deleted ? now : nil,
                               extraEdits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    // MARK: Writing

    private func write(_ current: Deal, version: Int?, state: DealState, deletedAt: Date?? = nil, extraEdits: [FieldEdit] = [],
                       viewer: Viewer) async throws -> Outcome {
        let edits = Self.edits(DealState(current), state) + extraEdits
        let moved = current.stageID != state.stageID || current.status != state.status
        let (deal, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                             edits: edits, noun: "deal", version: \.version) {
            try await deals.updateDeal(id: current.id, expectedVersion: version ?? current.version, state: state, deletedAt: deletedAt ?? current.deletedAt,
                                       edits: edits, move: moved, actor: Actor(viewer), at: clock.now())
        }
        var change: DealStageChange?
        if moved && errors.isEmpty { change = try await deals.stageChanges(dealIDs: [current.id]).last }
        return Outcome(deal, errors, stageChange: change)
    }


    private func visibleDeal(_ viewer: Viewer, _ id: Int64) async throws -> (Deal, Visibility) {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let deal = try await deals.deals(ids: [id], visibility: visibility).first else { throw DomainError.notFound("No such deal.") }
        return (deal, visibility)
    }

    private func notOpen(_ deal: Deal) -> UserError {
        UserError(field: ["input", "id"], message: "The deal is \(deal.status.rawValue) already: reopen it first.", code: "INVALID_STATE")
    }

    /// The live stage `id` if it belongs to `pipelineID`; otherwise the error is reported.
    private func liveStage(_ id: Int64, in pipelineID: Int64, path: [String], _ errors: inout Errors) async throws -> PipelineStage? {
        guard let stage = try await pipelines.stages(ids: [id]).first, stage.deletedAt == nil else {
            errors.add(path, "No such stage.", "NOT_FOUND")
            return nil
        }
        guard stage.pipelineID == pipelineID else {
            errors.add(path, "The stage belongs to another pipeline.", "STAGE_NOT_IN_PIPELINE")
            return nil
        }
        return stage
    }

    // MARK: Checking input

    func apply(_ input: DealInput, to start: DealFields, defaultCurrency: String, visibility: Visibility, creating: Bool,
               _ errors: inout Errors) async throws -> DealFields {
        var fields = start
        func text(_ change: Change<String?>, _ field: String, max: Int = 200) -> String?? {
            guard case .set(let value) = change else { return nil }
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let trimmed, trimmed.count > max { errors.add([field], "At most \(max) characters.", "TOO_LONG") }
            return .some(trimmed?.isEmpty == true ? nil : trimmed)
        }
        if case .set(let title) = input.title {
            fields.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.title.isEmpty { errors.add(["title"], "Enter a title.", "REQUIRED") }
            else if fields.title.count > 500 { errors.add(["title"], "At most 500 characters.", "TOO_LONG") }
        } else if creating {
            errors.add(["title"], "Enter a title.", "REQUIRED")
        }
        if case .set(let amount) = input.amount {
            if let amount {
                do throws(Amount.Invalid) { fields.amount = try Amount.normalize(amount) } catch { errors.add(["amount"], error.message, error.code) }
            } else {
                fields.amount = nil
            }
        }
        if case .set(let currency) = input.currency {
            fields.currency = currency.map { PipelineService.currency($0, ["currency"], &errors) } ?? defaultCurrency
        }
        if case .set(let date) = input.expectedCloseDate {
            if let date, !CalendarDate.isValid(date) {
                errors.add(["expectedCloseDate"], "\"\(date)\" is not a date (YYYY-MM-DD).", "INVALID")
            }
            fields.expectedCloseDate = date
        }
        if let v = text(input.source, "source") { fields.source = v }
        if let v = text(input.campaign, "campaign") { fields.campaign = v }
        if case .set(let owner) = input.ownerID {
            if let owner {
                let user = try await identity.user(id: owner)
                if user == nil || user?.deletedAt != nil { errors.add(["ownerId"], "No such user.", "NOT_FOUND") }
                else if !visibility.allows(ownerID: owner) { errors.add(["ownerId"], "You cannot hand deals to this user.", "NOT_ALLOWED") }
            } else if visibility != .all {
                errors.add(["ownerId"], "Only admins leave a deal without an owner: nobody else would see it.", "NOT_ALLOWED")
            }
            fields.ownerID = owner
        }
        if case .set(let clientID) = input.clientID {
            if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["clientId"], "No such client.", "NOT_FOUND")
            }
            fields.clientID = clientID
        }
        if case .set(let contactID) = input.contactID {
            fields.contactID = contactID
            if let contactID {
                if let contact = try await contacts.contacts(ids: [contactID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    // A contact named without a client brings its client along.
                    if creating, case .keep = input.clientID, let client = contact.fields.clientID { fields.clientID = client }
                } else {
                    errors.add(["contactId"], "No such contact.", "NOT_FOUND")
                }
            }
        }
        if let contactID = fields.contactID, let clientID = fields.clientID, input.contactID.isSet || input.clientID.isSet,
           let contact = try await contacts.contacts(ids: [contactID], visibility: .all).first,
           let contactClient = contact.fields.clientID, contactClient != clientID {
            errors.add(["contactId"], "The contact belongs to another client.", "INVALID")
        }
        if case .set(let custom) = input.customFields {
            // Stored in one canonical form (sorted keys), so an update that changes nothing records nothing.
            fields.customFields = JSONMergePatch.apply(custom, to: creating ? "{}" : JSONMergePatch.apply("{}", to: fields.customFields))
        }
        return fields
    }

    /// The tracked fields that differ, with old and new values as JSON text.
    static func edits(_ old: DealState, _ new: DealState) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        func id(_ name: String, _ a: Int64?, _ b: Int64?) {
            if a != b { edits.append(FieldEdit(name, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        let (a, b) = (old.fields, new.fields)
        text("title", a.title, b.title)
        // Amounts are recorded as JSON strings, like the API writes them.
        text("amount", a.amount, b.amount)
        text("currency", a.currency, b.currency)
        text("expectedCloseDate", a.expectedCloseDate, b.expectedCloseDate)
        id("ownerId", a.ownerID, b.ownerID)
        id("clientId", a.clientID, b.clientID)
        id("contactId", a.contactID, b.contactID)
        text("source", a.source, b.source)
        text("campaign", a.campaign, b.campaign)
        if a.customFields != b.customFields { edits.append(FieldEdit("customFields", old: a.customFields, new: b.customFields)) }
        id("pipelineId", old.pipelineID, new.pipelineID)
        id("stageId", old.stageID, new.stageID)
        text("status", old.status.rawValue, new.status.rawValue)
        text("lossReason", old.lossReason, new.lossReason)
        text("closedAt", old.closedAt.map(RFC3339.format), new.closedAt.map(RFC3339.format))
        return edits
    }
}

extension Change {
    /// Whether the input sets the field.
    var isSet: Bool {
        if case .set = self { return true }
        return false
    }
}
