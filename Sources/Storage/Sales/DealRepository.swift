import CRM
import Foundation
import GRDB

/// ``DealStore`` over SQLite. Deals are read through the `deal_rows` view, which adds the stage's
/// probability and stall limit; the viewer's visibility is a condition of every query.
public struct DealRepository: DealStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func deals(ids: [Int64], visibility: Visibility) async throws -> [Deal] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = RecordList.condition(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM deal_rows WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.deal)
        }
    }

    public func deals(_ query: DealQuery, visibility: Visibility, now: Date) async throws -> Page<Deal> {
        let list = Self.list(query, visibility: visibility, now: now)
        return try await database.read { db in
            try list.fetch(db, table: "deal_rows", orderColumn: Self.orderColumn(query.order, descending: query.page.descending), numeric: query.order == .amount,
                           page: query.page, map: Self.deal)
        }
    }

    public func deals(_ query: DealQuery, groupedBy grouping: DealGrouping, ids: [Int64], visibility: Visibility,
                      now: Date) async throws -> [Int64: Page<Deal>] {
        let list = Self.list(query, visibility: visibility, now: now)
        return try await database.read { db in
            try list.fetchGrouped(db, table: "deal_rows", groupColumn: grouping.rawValue, groupIDs: ids,
                                  orderColumn: Self.orderColumn(query.order, descending: query.page.descending), numeric: query.order == .amount, page: query.page,
                                  map: Self.deal)
        }
    }

    public func stageChanges(dealIDs: [Int64]) async throws -> [DealStageChange] {
        if dealIDs.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM deal_stage_changes WHERE deal_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(dealIDs)]).map(Self.stageChange)
        }
    }

    public func stageChanges(ids: [Int64]) async throws -> [DealStageChange] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM deal_stage_changes WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.stageChange)
        }
    }

    public func insertDeal(_ deal: DealState, createdBy: Int64?, actor: Actor, at date: Date) async throws -> Deal {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try Self.insert(db, deal, createdBy: createdBy, actor: actor, at: now)
        }
        guard let deal = try await deals(ids: [id], visibility: .all).first else { throw StorageFailure("deal \(id) vanished") }
        return deal
    }

    public func updateDeal(id: Int64, expectedVersion: Int?, state: DealState, deletedAt: Date?, edits: [FieldEdit], move: Bool,
                           actor: Actor, at date: Date) async throws -> VersionedWrite<Deal> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            let before = try Row.fetchOne(cached: db, sql: "SELECT stage_id, status, stage_entered_at FROM deals WHERE id = ?", arguments: [id])
            let outcome = try VersionedRow.update(db, table: "deals", entity: "Deal", id: id, expectedVersion: expectedVersion,
                                                  columns: Self.columns(state) + [("deleted_at", deletedAt.map(SQLTime.text))],
                                                  edits: edits, actor: actor, at: now)
            if outcome == .written, move, let before {
                let entered = SQLTime.date(before["stage_entered_at"]) ?? date
                try Self.recordMove(db, dealID: id, from: (before["stage_id"], before["status"]), to: state,
                                    seconds: max(0, Int(date.timeIntervalSince(entered))), actor: actor, at: now)
            }
            return outcome
        }
        return VersionedRow.result(outcome, try await deals(ids: [id], visibility: .all).first)
    }

    // MARK: Queries

    static func list(_ query: DealQuery, visibility: Visibility, now: Date) -> RecordList {
        var list = RecordList(visibility: visibility, deleted: query.deleted)
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            // Client and contact names match only where the viewer sees them.
            let (visible, visibleArguments) = RecordList.condition(visibility)
            list.add("""
                (sb_fold(title) LIKE ? ESCAPE '\\' OR client_id IN (SELECT id FROM clients WHERE sb_fold(name) LIKE ? ESCAPE '\\' AND \(visible))
                 OR contact_id IN (SELECT id FROM contacts WHERE sb_fold(name) LIKE ? ESCAPE '\\' AND \(visible)))
                """, [pattern, pattern] + visibleArguments + [pattern] + visibleArguments)
        }
        ids("pipeline_id", query.pipelineIDs)
        ids("stage_id", query.stageIDs)
        ids("owner_id", query.ownerIDs)
        ids("client_id", query.clientIDs)
        ids("inquiry_id", query.inquiryIDs)
        ids("contact_id", query.contactIDs)
        if let statuses = query.statuses {
            list.add("status IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(statuses.map(\.rawValue))])
        }
        if let sources = query.sources { list.add("source IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(sources)]) }
        if let stalled = query.stalled {
            let condition = "(status = 'open' AND stage_stall_days IS NOT NULL AND julianday(?) - julianday(stage_entered_at) > stage_stall_days)"
            list.add(stalled ? condition : "NOT \(condition)", [SQLTime.text(now)])
        }
        if let from = query.expectedCloseFrom { list.add("expected_close_date >= ?", [from]) }
        if let to = query.expectedCloseTo { list.add("expected_close_date <= ?", [to]) }
        if let from = query.closedFrom { list.add("closed_at >= ?", [SQLTime.text(from)]) }
        if let to = query.closedTo { list.add("closed_at < ?", [SQLTime.text(to)]) }
        if let from = query.createdFrom { list.add("created_at >= ?", [SQLTime.text(from)]) }
        if let to = query.createdTo { list.add("created_at < ?", [SQLTime.text(to)]) }
        return list
    }

    /// The SQL the list is ordered by; the cursor holds its value as text.
    static func orderColumn(_ order: DealQuery.Order, descending: Bool) -> String {
        switch order {
        case .title: "title"
        // Amounts compare as numbers; deals without one come first.
        case .amount: "coalesce(CAST(amount AS REAL), -1)"
        // Deals without a date come last, in either direction.
        case .expectedCloseDate: "coalesce(expected_close_date, '\(descending ? "0000-01-01" : "9999-12-31")')"
        case .stageEnteredAt: "stage_entered_at"
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        }
    }

    // MARK: Rows

    /// A deal row and its first stage-history entry.
    static func insert(_ db: GRDB.Database, _ deal: DealState, createdBy: Int64?, actor: Actor, at now: String,
                       createdAt: String? = nil) throws -> Int64 {
        let columns = Self.columns(deal)
        let names = columns.map(\.0) + ["created_at", "updated_at", "created_by"]
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        var arguments = StatementArguments(columns.map(\.1))
        arguments += [createdAt ?? now, now, createdBy]
        try db.execute(sql: "INSERT INTO deals (\(names.joined(separator: ", "))) VALUES (\(placeholders))", arguments: arguments)
        let id = db.lastInsertedRowID
        try recordMove(db, dealID: id, from: nil, to: deal, seconds: nil, actor: actor, at: createdAt ?? now)
        return id
    }

    static func recordMove(_ db: GRDB.Database, dealID: Int64, from: (stage: Int64, status: String)?, to: DealState, seconds: Int?,
                           actor: Actor, at time: String) throws {
        let (kind, actorID) = HistoryWriter.columns(actor)
        try db.execute(sql: """
            INSERT INTO deal_stage_changes (deal_id, from_stage_id, to_stage_id, from_status, to_status, changed_at, actor_kind, actor_id,
                seconds_in_previous_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [dealID, from?.stage, to.stageID, from?.status, to.status.rawValue, time, kind, actorID, seconds])
    }

    static func columns(_ d: DealState) -> [(String, (any DatabaseValueConvertible)?)] {
        let f = d.fields
        return [("title", f.title), ("pipeline_id", d.pipelineID), ("stage_id", d.stageID), ("status", d.status.rawValue),
                ("loss_reason", d.lossReason), ("amount", f.amount), ("currency", f.currency), ("expected_close_date", f.expectedCloseDate),
                ("closed_at", d.closedAt.map(SQLTime.text)), ("owner_id", f.ownerID), ("client_id", f.clientID),
                ("contact_id", f.contactID), ("source", f.source), ("campaign", f.campaign), ("custom_fields", f.customFields), ("inquiry_id", f.inquiryID),
                ("stage_entered_at", SQLTime.text(d.stageEnteredAt))]
    }

    static func deal(_ row: Row) -> Deal {
        let fields = DealFields(title: row["title"], amount: row["amount"], currency: row["currency"],
                                expectedCloseDate: row["expected_close_date"], ownerID: row["owner_id"], clientID: row["client_id"],
                                contactID: row["contact_id"], source: row["source"], campaign: row["campaign"],
                                customFields: row["custom_fields"] ?? "{}", inquiryID: row["inquiry_id"])
        return Deal(id: row["id"], fields: fields, pipelineID: row["pipeline_id"], stageID: row["stage_id"],
                    status: Deal.Status(rawValue: row["status"]) ?? .open, lossReason: row["loss_reason"],
                    closedAt: SQLTime.date(row["closed_at"]), stageEnteredAt: SQLTime.date(row["stage_entered_at"]) ?? .distantPast,
                    stageProbability: row["stage_probability"] ?? 0, stageStallDays: row["stage_stall_days"],
                    createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                    createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func stageChange(_ row: Row) -> DealStageChange {
        DealStageChange(id: row["id"], dealID: row["deal_id"], fromStageID: row["from_stage_id"], toStageID: row["to_stage_id"],
                        fromStatus: (row["from_status"] as String?).flatMap(Deal.Status.init(rawValue:)),
                        toStatus: Deal.Status(rawValue: row["to_status"]) ?? .open,
                        changedAt: SQLTime.date(row["changed_at"]) ?? .distantPast,
                        actor: Actor(stored: row["actor_kind"], id: row["actor_id"]),
                        secondsInPreviousStage: row["seconds_in_previous_stage"])
    }
}
