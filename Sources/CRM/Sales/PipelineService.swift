import Foundation

/// The changes a pipeline update asks for; nil leaves a field as it is.
public struct PipelineChanges: Sendable {
    public var name: String?
    public var description: Change<String?> = .keep
    public var isDefault: Bool?
    public var defaultCurrency: String?
    public var position: Int?

    public init() {}
}

/// The changes a stage update asks for; nil leaves a field as it is.
public struct StageChanges: Sendable {
    public var name: String?
    public var probability: Int?
    public var color: String?
    public var stallDays: Change<Int?> = .keep

    public init() {}
}

/// Editing pipelines and their stages, which only admins do: names unique, exactly one default,
/// stages with a probability, a colour and a stall limit; a stage or pipeline that still holds
/// open deals is not deleted.
public struct PipelineService: Sendable {
    public let store: any PipelineStore
    /// Where the templates of projects made on won deals are.
    public let templates: any ProjectStore
    public let clock: any WallClock

    public init(store: any PipelineStore, templates: any ProjectStore, clock: any WallClock = SystemClock()) {
        self.templates = templates
        self.store = store
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let pipeline: Pipeline?
        public let userErrors: [UserError]
    }

    public struct StageOutcome: Sendable {
        public let stage: PipelineStage?
        public let pipeline: Pipeline?
        public let userErrors: [UserError]
    }

    /// Colours new stages get when none is given, in turn.
    static let palette = ["#42A5F5", "#26A69A", "#FFCA28", "#FFA726", "#AB47BC", "#66BB6A", "#EF5350", "#8D6E63"]

    // MARK: Pipelines

    public func create(_ viewer: Viewer, _ new: NewPipeline, projectTemplateOnWin: Int64?) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        var errors = Errors()
        var pipeline = new
        pipeline.name = try await checkedName(new.name, excluding: nil, &errors)
        pipeline.description = Self.trimmed(new.description)
        pipeline.defaultCurrency = Self.currency(new.defaultCurrency, ["defaultCurrency"], &errors)
        if new.stages.isEmpty { errors.add(["stages"], "A pipeline needs at least one stage.", "REQUIRED") }
        pipeline.stages = new.stages.enumerated().map { i, stage in
            Self.checkedStage(stage, path: ["stages", String(i)], defaultColor: Self.palette[i % Self.palette.count], &errors)
        }
        pipeline.projectTemplateID = try await checkedTemplate(projectTemplateOnWin, &errors)
        guard errors.list.isEmpty else { return Outcome(pipeline: nil, userErrors: errors.list) }
        if try await store.defaultPipeline() == nil { pipeline.isDefault = true }
        return Outcome(pipeline: try await store.insertPipeline(pipeline, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, changes: PipelineChanges,
                       projectTemplateOnWin: Change<Int64?>) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await pipeline(id)
        var errors = Errors()
        var next = current
        if let name = changes.name { next.name = try await checkedName(name, excluding: id, &errors) }
        if case .set(let description) = changes.description { next.description = Self.trimmed(description) }
        if let currency = changes.defaultCurrency { next.defaultCurrency = Self.currency(currency, ["defaultCurrency"], &errors) }
        if let position = changes.position {
            if position < 0 { errors.add(["position"], "The position is 0 or more.", "OUT_OF_RANGE") } else { next.position = position }
        }
        if let isDefault = changes.isDefault {
            if !isDefault && current.isDefault {
                errors.add(["isDefault"], "Make another pipeline the default instead.", "INVALID")
            } else if isDefault && current.deletedAt != nil {
                errors.add(["isDefault"], "A deleted pipeline cannot be the default.", "INVALID_STATE")
            } else {
                next.isDefault = isDefault || current.isDefault
            }
        }
        if case .set(let template) = projectTemplateOnWin { next.projectTemplateID = try await checkedTemplate(template, &errors) }
        guard errors.list.isEmpty else { return Outcome(pipeline: current, userErrors: errors.list) }
        var edits: [FieldEdit] = []
        func text(_ field: String, _ a: String?, _ b: String?) {
            if a != b { edits.append(FieldEdit(field, old: FieldEdit.json(a), new: FieldEdit.json(b))) }
        }
        text("name", current.name, next.name)
        text("description", current.description, next.description)
        text("defaultCurrency", current.defaultCurrency, next.defaultCurrency)
        if current.position != next.position { edits.append(FieldEdit("position", old: "\(current.position)", new: "\(next.position)")) }
        if current.isDefault != next.isDefault { edits.append(FieldEdit("isDefault", old: "\(current.isDefault)", new: "\(next.isDefault)")) }
        if current.projectTemplateID != next.projectTemplateID {
            edits.append(FieldEdit("projectTemplateOnWinId", old: FieldEdit.json(current.projectTemplateID), new: FieldEdit.json(next.projectTemplateID)))
        }
        return try await write(next, current: current, version: version, edits: edits, viewer: viewer)
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await pipeline(id)
        guard current.deletedAt == nil else { return Outcome(pipeline: current, userErrors: []) }
        if current.isDefault {
            return Outcome(pipeline: current, userErrors: [UserError(field: ["input", "id"],
                message: "This is the default pipeline: make another one the default first.", code: "INVALID_STATE")])
        }
        let open = try await store.openDealCount(pipelineID: id, stageID: nil)
        if open > 0 {
            return Outcome(pipeline: current, userErrors: [UserError(field: ["input", "id"],
                message: "The pipeline still holds \(open) open deal(s): close or move them first.", code: "IN_USE")])
        }
        var next = current
        let now = clock.now()
        next.deletedAt = now
        return try await write(next, current: current, version: version,
                               edits: [VersionedRecord.deletionEdit(from: nil, deleting: true, now: now)], viewer: viewer)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await pipeline(id)
        guard current.deletedAt != nil else { return Outcome(pipeline: current, userErrors: []) }
        if let other = try await store.pipeline(named: current.name), other.id != id {
            return Outcome(pipeline: current, userErrors: [UserError(field: ["input", "id"],
                message: "Another pipeline now has this name.", code: "TAKEN")])
        }
        var next = current
        next.deletedAt = nil
        return try await write(next, current: current, version: version,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: false, now: clock.now())], viewer: viewer)
    }

    // MARK: Stages

    public func createStage(_ viewer: Viewer, pipelineID: Int64, fields: StageFields, colorGiven: Bool,
                            position: Int?) async throws -> StageOutcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let pipeline = try await self.pipeline(pipelineID)
        let live = try await store.stages(pipelineIDs: [pipelineID], includeDeleted: false)
        var errors = Errors()
        if pipeline.deletedAt != nil { errors.add(["pipelineId"], "The pipeline is deleted.", "INVALID_STATE") }
        if let position, position < 0 || position > live.count {
            errors.add(["position"], "The position is 0 to \(live.count).", "OUT_OF_RANGE")
        }
        var stage = fields
        if !colorGiven { stage.color = Self.palette[live.count % Self.palette.count] }
        stage = Self.checkedStage(stage, path: [], defaultColor: stage.color, &errors)
        guard errors.list.isEmpty else { return StageOutcome(stage: nil, pipeline: pipeline, userErrors: errors.list) }
        let created = try await store.insertStage(pipelineID: pipelineID, fields: stage, position: position, createdBy: viewer.user?.id,
                                                  actor: Actor(viewer), at: clock.now())
        return StageOutcome(stage: created, pipeline: try await store.pipelines(ids: [pipelineID]).first, userErrors: [])
    }

    public func updateStage(_ viewer: Viewer, id: Int64, version: Int, changes: StageChanges) async throws -> StageOutcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await stage(id)
        var errors = Errors()
        var next = current
        if let name = changes.name { next.fields.name = name }
        if let probability = changes.probability { next.fields.probability = probability }
        if let color = changes.color { next.fields.color = color }
        if case .set(let stallDays) = changes.stallDays { next.fields.stallDays = stallDays }
        next.fields = Self.checkedStage(next.fields, path: [], defaultColor: current.fields.color, &errors)
        guard errors.list.isEmpty else { return try await stageOutcome(current, errors.list) }
        var edits: [FieldEdit] = []
        let (a, b) = (current.fields, next.fields)
        if a.name != b.name { edits.append(FieldEdit("name", old: FieldEdit.json(a.name), new: FieldEdit.json(b.name))) }
        if a.probability != b.probability { edits.append(FieldEdit("probability", old: "\(a.probability)", new: "\(b.probability)")) }
        if a.color != b.color { edits.append(FieldEdit("color", old: FieldEdit.json(a.color), new: FieldEdit.json(b.color))) }
        if a.stallDays != b.stallDays {
            edits.append(FieldEdit("stallDays", old: a.stallDays.map(String.init), new: b.stallDays.map(String.init)))
        }
        return try await writeStage(next, current: current, version: version, edits: edits, viewer: viewer)
    }

    public func deleteStage(_ viewer: Viewer, id: Int64, version: Int?) async throws -> StageOutcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await stage(id)
        guard current.deletedAt == nil else { return try await stageOutcome(current, []) }
        let live = try await store.stages(pipelineIDs: [current.pipelineID], includeDeleted: false)
        if live.count <= 1 {
            return try await stageOutcome(current, [UserError(field: ["input", "id"],
                message: "A pipeline keeps at least one stage.", code: "INVALID_STATE")])
        }
        let open = try await store.openDealCount(pipelineID: current.pipelineID, stageID: id)
        if open > 0 {
            return try await stageOutcome(current, [UserError(field: ["input", "id"],
                message: "The stage still holds \(open) open deal(s): move them first.", code: "IN_USE")])
        }
        var next = current
        let now = clock.now()
        next.deletedAt = now
        return try await writeStage(next, current: current, version: version,
                                    edits: [VersionedRecord.deletionEdit(from: nil, deleting: true, now: now)], viewer: viewer)
    }

    public func restoreStage(_ viewer: Viewer, id: Int64, version: Int?) async throws -> StageOutcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await stage(id)
        guard current.deletedAt != nil else { return try await stageOutcome(current, []) }
        var next = current
        next.deletedAt = nil
        return try await writeStage(next, current: current, version: version,
                                    edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: false, now: clock.now())],
                                    viewer: viewer)
    }

    /// Puts the live stages of a pipeline in a new order; every live stage must be named once.
    public func reorderStages(_ viewer: Viewer, pipelineID: Int64, version: Int, order: [Int64?]) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change pipelines.")
        let current = try await pipeline(pipelineID)
        let live = try await store.stages(pipelineIDs: [pipelineID], includeDeleted: false)
        let ids = order.compactMap { $0 }
        guard ids.count == order.count, Set(ids) == Set(live.map(\.id)), Set(ids).count == ids.count else {
            return Outcome(pipeline: current, userErrors: [UserError(field: ["input", "stageIds"],
                message: "Name every live stage of the pipeline exactly once.", code: "INVALID")])
        }
        let old = live.map(\.id)
        guard old != ids else {
            if version != current.version { return Outcome(pipeline: current, userErrors: [.staleVersion("pipeline", current: current.version)]) }
            return Outcome(pipeline: current, userErrors: [])
        }
        let edits = [FieldEdit("stageIds", old: Self.idList(old), new: Self.idList(ids))]
        let (pipeline, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                 edits: edits, noun: "pipeline", version: \.version) {
            try await store.reorderStages(pipelineID: pipelineID, expectedVersion: version, order: ids, edits: edits,
                                          actor: Actor(viewer), at: clock.now())
        }
        return Outcome(pipeline: pipeline, userErrors: errors)
    }

    // MARK: Helpers

    /// A live project template to create projects from when deals are won, or none.
    private func checkedTemplate(_ id: Int64?, _ errors: inout Errors) async throws -> Int64? {
        guard let id else { return nil }
        if try await templates.templates(ids: [id]).first(where: { $0.deletedAt == nil }) == nil {
            errors.add(["projectTemplateOnWinId"], "No such project template.", "NOT_FOUND")
        }
        return id
    }

    private func write(_ next: Pipeline, current: Pipeline, version: Int?, edits: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let (pipeline, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                 edits: edits, noun: "pipeline", version: \.version) {
            try await store.updatePipeline(next, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(pipeline: pipeline, userErrors: errors)
    }

    private func writeStage(_ next: PipelineStage, current: PipelineStage, version: Int?, edits: [FieldEdit],
                            viewer: Viewer) async throws -> StageOutcome {
        let (stage, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                              edits: edits, noun: "stage", version: \.version) {
            try await store.updateStage(next, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return try await stageOutcome(stage, errors)
    }

    private func stageOutcome(_ stage: PipelineStage, _ errors: [UserError]) async throws -> StageOutcome {
        StageOutcome(stage: stage, pipeline: try await store.pipelines(ids: [stage.pipelineID]).first, userErrors: errors)
    }

    private func pipeline(_ id: Int64) async throws -> Pipeline {
        guard let pipeline = try await store.pipelines(ids: [id]).first else { throw DomainError.notFound("No such pipeline.") }
        return pipeline
    }

    private func stage(_ id: Int64) async throws -> PipelineStage {
        guard let stage = try await store.stages(ids: [id]).first else { throw DomainError.notFound("No such stage.") }
        return stage
    }

    private func checkedName(_ name: String, excluding id: Int64?, _ errors: inout Errors) async throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
        else if trimmed.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        else if let other = try await store.pipeline(named: trimmed), other.id != id {
            errors.add(["name"], "A pipeline with this name exists.", "TAKEN")
        }
        return trimmed
    }

    static func checkedStage(_ stage: StageFields, path: [String], defaultColor: String, _ errors: inout Errors) -> StageFields {
        var s = stage
        s.name = stage.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.name.isEmpty { errors.add(path + ["name"], "Enter a name.", "REQUIRED") }
        else if s.name.count > 200 { errors.add(path + ["name"], "At most 200 characters.", "TOO_LONG") }
        if !(0...100).contains(s.probability) { errors.add(path + ["probability"], "The probability is 0 to 100.", "OUT_OF_RANGE") }
        if let days = s.stallDays, days < 1 || days > 3650 {
            errors.add(path + ["stallDays"], "Stall days are 1 to 3650.", "OUT_OF_RANGE")
        }
        let color = stage.color.trimmingCharacters(in: .whitespaces)
        if color.isEmpty {
            s.color = defaultColor
        } else if color.count == 7, color.first == "#", color.dropFirst().allSatisfy(\.isHexDigit) {
            s.color = color.uppercased()
        } else {
            errors.add(path + ["color"], "\"\(color)\" is not a colour of the form #RRGGBB.", "INVALID")
        }
        return s
    }

    /// An ISO 4217 code: three Latin letters, written in capitals.
    static func currency(_ text: String, _ path: [String], _ errors: inout Errors) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        if code.count != 3 || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            errors.add(path, "\"\(text)\" is not an ISO 4217 currency code such as RUB.", "INVALID")
        }
        return code
    }

    static func trimmed(_ text: String?) -> String? {
        let t = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        return t?.isEmpty == true ? nil : t
    }

    static func idList(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}

/// User errors collected while checking an input, each under `input`.
struct Errors {
    private(set) var list: [UserError] = []

    mutating func add(_ path: [String], _ message: String, _ code: String) {
        list.append(UserError(field: ["input"] + path, message: message, code: code))
    }
}
