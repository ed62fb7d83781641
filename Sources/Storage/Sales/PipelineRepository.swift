import CRM
import Foundation
import GRDB

/// ``PipelineStore`` over SQLite.
public struct PipelineRepository: PipelineStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func pipelines(ids: [Int64]) async throws -> [Pipeline] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM pipelines WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.pipeline)
        }
    }

    public func pipelines(text: String?, deleted: DeletedFilter) async throws -> [Pipeline] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            list.add("sb_fold(name) LIKE ? ESCAPE '\\'", [RecordList.containsPattern(text)])
        }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM pipelines WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY position, id",
                             arguments: final.arguments).map(Self.pipeline)
        }
    }

    public func defaultPipeline() async throws -> Pipeline? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM pipelines WHERE is_default = 1 AND deleted_at IS NULL").map(Self.pipeline)
        }
    }

    public func pipeline(named name: String) async throws -> Pipeline? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM pipelines WHERE sb_fold(name) = sb_fold(?) AND deleted_at IS NULL",
                             arguments: [name]).map(Self.pipeline)
        }
    }

    public func stages(ids: [Int64]) async throws -> [PipelineStage] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM pipeline_stages WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.stage)
        }
    }

    public func stages(pipelineIDs: [Int64], includeDeleted: Bool) async throws -> [PipelineStage] {
        if pipelineIDs.isEmpty { return [] }
        let live = includeDeleted ? "" : " AND deleted_at IS NULL"
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT * FROM pipeline_stages WHERE pipeline_id IN (SELECT value FROM json_each(?))\(live)
                ORDER BY pipeline_id, deleted_at IS NOT NULL, position, id
                """, arguments: [IdentityRepository.jsonArray(pipelineIDs)]).map(Self.stage)
        }
    }

    public func openDealCount(pipelineID: Int64, stageID: Int64?) async throws -> Int {
        try await database.read { db in
            if let stageID {
                return try Int.fetchOne(cached: db, sql: "SELECT count(*) FROM deals WHERE stage_id = ? AND status = 'open' AND deleted_at IS NULL",
                                        arguments: [stageID]) ?? 0
            }
            return try Int.fetchOne(cached: db, sql: "SELECT count(*) FROM deals WHERE pipeline_id = ? AND status = 'open' AND deleted_at IS NULL",
                                    arguments: [pipelineID]) ?? 0
        }
    }

    public func insertPipeline(_ new: NewPipeline, createdBy: Int64?, at date: Date) async throws -> Pipeline {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            if new.isDefault, let old = try Int64.fetchOne(cached: db, sql: "SELECT id FROM pipelines WHERE is_default = 1 AND deleted_at IS NULL") {
                _ = try VersionedRow.update(db, table: "pipelines", entity: "Pipeline", id: old, expectedVersion: nil,
                                            columns: [("is_default", false)], edits: [FieldEdit("isDefault", old: "true", new: "false")],
                                            actor: createdBy.map(Actor.user) ?? .system, at: now)
            }
            let position = try Int.fetchOne(cached: db, sql: "SELECT coalesce(max(position) + 1, 0) FROM pipelines WHERE deleted_at IS NULL") ?? 0
            try db.execute(sql: """
                INSERT INTO pipelines (name, description, position, is_default, default_currency, project_template_id, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [new.name, new.description, position, new.isDefault, new.defaultCurrency, new.projectTemplateID, now, now, createdBy])
            let id = db.lastInsertedRowID
            for (i, stage) in new.stages.enumerated() {
                try Self.insertStageRow(db, pipelineID: id, fields: stage, position: i, createdBy: createdBy, at: now)
            }
            return id
        }
        guard let pipeline = try await pipelines(ids: [id]).first else { throw StorageFailure("pipeline \(id) vanished") }
        return pipeline
    }

    public func updatePipeline(_ p: Pipeline, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                               at date: Date) async throws -> VersionedWrite<Pipeline> {
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            guard let row = try Row.fetchOne(cached: db, sql: "SELECT version, is_default FROM pipelines WHERE id = ?", arguments: [p.id]) else {
                return .notFound
            }
            if let expectedVersion, expectedVersion != row["version"] { return .stale }
            if p.isDefault && !(row["is_default"] as Bool) {
                // The old default stops being one: recorded in its history too.
                if let old = try Int64.fetchOne(cached: db, sql: "SELECT id FROM pipelines WHERE is_default = 1 AND deleted_at IS NULL") {
                    _ = try VersionedRow.update(db, table: "pipelines", entity: "Pipeline", id: old, expectedVersion: nil,
                                                columns: [("is_default", false)], edits: [FieldEdit("isDefault", old: "true", new: "false")],
                                                actor: actor, at: SQLTime.text(date))
                }
            }
            return try VersionedRow.update(db, table: "pipelines", entity: "Pipeline", id: p.id, expectedVersion: expectedVersion,
                                           columns: [("name", p.name), ("description", p.description), ("position", p.position),
                                                     ("is_default", p.isDefault), ("default_currency", p.defaultCurrency), ("project_template_id", p.projectTemplateID),
                                                     ("deleted_at", p.deletedAt.map(SQLTime.text))],
                                           edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await pipelines(ids: [p.id]).first)
    }

    public func insertStage(pipelineID: Int64, fields: StageFields, position: Int?, createdBy: Int64?, actor: Actor,
                            at date: Date) async throws -> PipelineStage {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let old = try Self.liveStageIDs(db, pipelineID)
            let id = try Self.insertStageRow(db, pipelineID: pipelineID, fields: fields, position: old.count, createdBy: createdBy, at: now)
            var order = old
            order.insert(id, at: min(position ?? old.count, old.count))
            try Self.renumber(db, pipelineID: pipelineID, order: order, old: old, actor: actor, at: now)
            return id
        }
        guard let stage = try await stages(ids: [id]).first else { throw StorageFailure("stage \(id) vanished") }
        return stage
    }

    public func updateStage(_ s: PipelineStage, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                            at date: Date) async throws -> VersionedWrite<PipelineStage> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            let old = try Self.liveStageIDs(db, s.pipelineID)
            let outcome = try VersionedRow.update(db, table: "pipeline_stages", entity: "PipelineStage", id: s.id,
                                                  expectedVersion: expectedVersion,
                                                  columns: [("name", s.fields.name), ("probability", s.fields.probability),
                                                            ("color", s.fields.color), ("stall_days", s.fields.stallDays),
                                                            ("deleted_at", s.deletedAt.map(SQLTime.text))],
                                                  edits: edits, actor: actor, at: now)
            guard outcome == .written else { return outcome }
            let wasLive = old.contains(s.id)
            if wasLive != (s.deletedAt == nil) {
                // Deleted: the others close up. Restored: it goes last.
                let order = wasLive ? old.filter { $0 != s.id } : old + [s.id]
                try Self.renumber(db, pipelineID: s.pipelineID, order: order, old: old, actor: actor, at: now)
            }
            return outcome
        }
        return VersionedRow.result(outcome, try await stages(ids: [s.id]).first)
    }

    public func reorderStages(pipelineID: Int64, expectedVersion: Int?, order: [Int64], edits: [FieldEdit], actor: Actor,
                              at date: Date) async throws -> VersionedWrite<Pipeline> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            let outcome = try VersionedRow.update(db, table: "pipelines", entity: "Pipeline", id: pipelineID, expectedVersion: expectedVersion,
                                                  columns: [], edits: edits, actor: actor, at: now)
            guard outcome == .written else { return outcome }
            try Self.setPositions(db, order)
            return outcome
        }
        return VersionedRow.result(outcome, try await pipelines(ids: [pipelineID]).first)
    }

    // MARK: Rows

    @discardableResult
    static func insertStageRow(_ db: GRDB.Database, pipelineID: Int64, fields: StageFields, position: Int, createdBy: Int64?,
                               at now: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO pipeline_stages (pipeline_id, name, position, probability, color, stall_days, created_at, updated_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [pipelineID, fields.name, position, fields.probability, fields.color, fields.stallDays, now, now, createdBy])
        return db.lastInsertedRowID
    }

    static func liveStageIDs(_ db: GRDB.Database, _ pipelineID: Int64) throws -> [Int64] {
        try Int64.fetchAll(cached: db, sql: "SELECT id FROM pipeline_stages WHERE pipeline_id = ? AND deleted_at IS NULL ORDER BY position, id",
                           arguments: [pipelineID])
    }

    /// Gives the live stages positions 0, 1, … in `order`; the pipeline's version grows and its
    /// history records the old and new order.
    static func renumber(_ db: GRDB.Database, pipelineID: Int64, order: [Int64], old: [Int64], actor: Actor, at now: String) throws {
        try setPositions(db, order)
        let list = { (ids: [Int64]) in "[" + ids.map(String.init).joined(separator: ",") + "]" }
        _ = try VersionedRow.update(db, table: "pipelines", entity: "Pipeline", id: pipelineID, expectedVersion: nil, columns: [],
                                    edits: [FieldEdit("stageIds", old: list(old), new: list(order))], actor: actor, at: now)
    }

    static func setPositions(_ db: GRDB.Database, _ order: [Int64]) throws {
        let statement = try db.cachedStatement(sql: "UPDATE pipeline_stages SET position = ? WHERE id = ?")
        for (i, id) in order.enumerated() { try statement.execute(arguments: [i, id]) }
    }

    static func pipeline(_ row: Row) -> Pipeline {
        var pipeline = Pipeline(id: row["id"], name: row["name"], description: row["description"], position: row["position"],
                 isDefault: row["is_default"], defaultCurrency: row["default_currency"],
                 createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                 createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
        pipeline.projectTemplateID = row["project_template_id"]
        return pipeline
    }

    static func stage(_ row: Row) -> PipelineStage {
        PipelineStage(id: row["id"], pipelineID: row["pipeline_id"],
                      fields: StageFields(name: row["name"], probability: row["probability"], color: row["color"], stallDays: row["stall_days"]),
                      position: row["position"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                      updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"],
                      version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
