import Foundation

/// A sales scenario: an ordered series of stages a deal goes through. Exactly one live pipeline
/// is the default, where deals go when none is named.
public struct Pipeline: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var position: Int
    public var isDefault: Bool
    /// ISO 4217 code new deals get when none is given.
    public var defaultCurrency: String
    /// When set, winning a deal of this pipeline creates a project from this template.
    public var projectTemplateID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, name: String, description: String?, position: Int, isDefault: Bool, defaultCurrency: String,
                createdAt: Date, updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.name = name
        self.description = description
        self.position = position
        self.isDefault = isDefault
        self.defaultCurrency = defaultCurrency
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// A step of a pipeline. Its place (`position`) belongs to the pipeline's order: reordering,
/// adding or removing stages changes the pipeline's version, not the stages'.
public struct PipelineStage: Equatable, Sendable {
    public var id: Int64
    public var pipelineID: Int64
    public var fields: StageFields
    public var position: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, pipelineID: Int64, fields: StageFields, position: Int, createdAt: Date, updatedAt: Date,
                createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.pipelineID = pipelineID
        self.fields = fields
        self.position = position
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The editable fields of a stage.
public struct StageFields: Equatable, Sendable {
    public var name: String
    /// Chance of winning, 0–100 percent.
    public var probability: Int
    /// `#RRGGBB`.
    public var color: String
    /// Days a deal may stay before it counts as stalled; never when nil.
    public var stallDays: Int?

    public init(name: String, probability: Int = 0, color: String = "#9E9E9E", stallDays: Int? = nil) {
        self.name = name
        self.probability = probability
        self.color = color
        self.stallDays = stallDays
    }
}

/// The fields a pipeline is created with.
public struct NewPipeline: Sendable {
    public var name: String
    public var description: String?
    public var isDefault: Bool
    public var defaultCurrency: String
    public var stages: [StageFields]
    public var projectTemplateID: Int64?

    public init(name: String, description: String? = nil, isDefault: Bool = false, defaultCurrency: String = "RUB",
                stages: [StageFields], projectTemplateID: Int64? = nil) {
        self.projectTemplateID = projectTemplateID
        self.name = name
        self.description = description
        self.isDefault = isDefault
        self.defaultCurrency = defaultCurrency
        self.stages = stages
    }
}

/// What the pipeline services need from storage. Pipelines are visible to every reader; only
/// admins change them.
public protocol PipelineStore: Sendable {
    /// Pipelines with these ids, deleted ones included.
    func pipelines(ids: [Int64]) async throws -> [Pipeline]
    /// Pipelines in their configured order, matching the name filter.
    func pipelines(text: String?, deleted: DeletedFilter) async throws -> [Pipeline]
    func defaultPipeline() async throws -> Pipeline?
    /// The live pipeline with this name, compared without case.
    func pipeline(named name: String) async throws -> Pipeline?
    func stages(ids: [Int64]) async throws -> [PipelineStage]
    /// The stages of these pipelines in order; deleted ones only when asked.
    func stages(pipelineIDs: [Int64], includeDeleted: Bool) async throws -> [PipelineStage]
    /// Open, live deals in a stage or (with `stageID` nil) in a pipeline.
    func openDealCount(pipelineID: Int64, stageID: Int64?) async throws -> Int

    /// A pipeline and its stages in one transaction; a new default takes the place of the old one.
    func insertPipeline(_ pipeline: NewPipeline, createdBy: Int64?, at: Date) async throws -> Pipeline
    /// The pipeline's fields (name, description, position, default, currency, deletion) if its
    /// version is `expectedVersion`; with the history. Making it the default unsets the old one.
    func updatePipeline(_ pipeline: Pipeline, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                        at: Date) async throws -> VersionedWrite<Pipeline>
    /// A new stage inserted at `position` (the end when nil); the pipeline's version grows.
    func insertStage(pipelineID: Int64, fields: StageFields, position: Int?, createdBy: Int64?, actor: Actor,
                     at: Date) async throws -> PipelineStage
    /// A stage's fields and deletion if its version is `expectedVersion`; deleting or restoring
    /// renumbers the pipeline's live stages (a restored stage goes last) and bumps its version.
    func updateStage(_ stage: PipelineStage, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                     at: Date) async throws -> VersionedWrite<PipelineStage>
    /// The live stages in this order, if the pipeline's version is `expectedVersion`.
    func reorderStages(pipelineID: Int64, expectedVersion: Int?, order: [Int64], edits: [FieldEdit], actor: Actor,
                       at: Date) async throws -> VersionedWrite<Pipeline>
}
