import CRM
import Foundation
import GraphQLEngine

/// Pipelines and their stages: the list every reader sees, and the admin's mutations.
enum PipelineResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("pipelines") { _, call in
                _ = try call.context.requireReader()
                var text: String?
                var deleted = DeletedFilter.exclude
                if case .string(let q)? = call.arguments["filter"]?["query"] { text = q }
                if case .string(let d)? = call.arguments["filter"]?["deleted"] { deleted = DeletedFilter(rawValue: d.lowercased()) ?? .exclude }
                let pipelines = try await call.context.services.pipelineStore.pipelines(text: text, deleted: deleted)
                return try Connection.page(pipelines, arguments: call.arguments) { GlobalID.encode("Pipeline", $0.id) }
            }
        }
        bindMutations(&b)
        b.object("Pipeline", as: Pipeline.self) { t in
            t.field("id") { p, _ in GlobalID.encode("Pipeline", p.id) }
            t.field("name", \.name)
            t.field("description", \.description)
            t.field("position", \.position)
            t.field("isDefault", \.isDefault)
            t.field("defaultCurrency", \.defaultCurrency)
            t.batchField("stages") { pipelines, call in
                let stages = try await call.context.services.pipelineStore.stages(pipelineIDs: pipelines.map(\.id), includeDeleted: false)
                let byPipeline = Dictionary(grouping: stages, by: \.pipelineID)
                return pipelines.map { byPipeline[$0.id] ?? [] }
            }
            // No pipeline names a project template until project templates exist (issue #5):
            // createPipeline and updatePipeline refuse any template id as NOT_FOUND.
            t.field("projectTemplateOnWin") { _, _ in nil as String? }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { pipelines, call in try await IdentityResolvers.actors(pipelines.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { p, call in try await IdentityResolvers.history("Pipeline", p.id, call) }
        }
        b.object("PipelineStage", as: PipelineStage.self) { t in
            t.field("id") { s, _ in GlobalID.encode("PipelineStage", s.id) }
            t.batchField("pipeline") { stages, call in
                let pipelines = try await pipelinesByID(stages.map(\.pipelineID), call.context)
                return stages.map { pipelines[$0.pipelineID] }
            }
            t.field("name", \.fields.name)
            t.field("position", \.position)
            t.field("probability", \.fields.probability)
            t.field("color", \.fields.color)
            t.field("stallDays", \.fields.stallDays)
            t.batchField("deals") { stages, call in
                // Open deals unless the filter names statuses; one page per stage in one statement.
                var query = try DealResolvers.query(call.arguments, call.info)
                if query.statuses == nil { query.statuses = [.open] }
                return try await DealResolvers.grouped(query, by: .stage, ids: stages.map(\.id), call.context)
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { stages, call in try await IdentityResolvers.actors(stages.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { s, call in try await IdentityResolvers.history("PipelineStage", s.id, call) }
        }
        for name in ["PipelineConnection", "PipelineEdge", "PipelinePayload", "PipelineStagePayload"] { b.mapObject(name) }
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createPipeline") { _, call in
                let input = call.arguments["input"]
                var new = NewPipeline(name: RecordInput.string(input?["name"] ?? .null) ?? "",
                                      description: RecordInput.string(input?["description"] ?? .null),
                                      isDefault: input?["isDefault"] == .bool(true),
                                      defaultCurrency: RecordInput.string(input?["defaultCurrency"] ?? .null) ?? "RUB", stages: [])
                for stage in RecordInput.array(input?["stages"] ?? .null) {
                    new.stages.append(StageFields(name: RecordInput.string(stage["name"] ?? .null) ?? "",
                                                  probability: stage["probability"].flatMap(RecordInput.int) ?? 0,
                                                  color: RecordInput.string(stage["color"] ?? .null) ?? "",
                                                  stallDays: stage["stallDays"].flatMap(RecordInput.int)))
                }
                let template = (input?["projectTemplateOnWinId"]).flatMap { RecordInput.id($0, of: "ProjectTemplate") }
                return try await MutationPayload.run("pipeline") {
                    try await call.context.services.pipelines.create(call.context.viewer, new, projectTemplateOnWin: template)
                }
            }
            t.asyncField("updatePipeline") { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, "Pipeline", noun: "pipeline")
                var changes = PipelineChanges()
                var template = Change<Int64?>.keep
                if case .object(let members)? = input {
                    for member in members {
                        switch member.key {
                        case "name": changes.name = RecordInput.string(member.value) ?? ""
                        case "description": changes.description = .set(RecordInput.string(member.value))
                        case "isDefault": if case .bool(let v) = member.value { changes.isDefault = v }
                        case "defaultCurrency": changes.defaultCurrency = RecordInput.string(member.value) ?? ""
                        case "position": changes.position = RecordInput.int(member.value)
                        case "projectTemplateOnWinId": template = .set(RecordInput.id(member.value, of: "ProjectTemplate"))
                        default: break
                        }
                    }
                }
                let version = try RecordInput.requiredVersion(input)
                return try await MutationPayload.run("pipeline") {
                    try await call.context.services.pipelines.update(call.context.viewer, id: id, version: version, changes: changes,
                                                                     projectTemplateOnWin: template)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Pipeline", noun: "pipeline") { call, id, version, deleting in
                let service = call.context.services.pipelines
                return try await MutationPayload.run("pipeline") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
            t.asyncField("reorderPipelineStages") { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, "Pipeline", noun: "pipeline")
                let version = try RecordInput.requiredVersion(input)
                let order = RecordInput.strings(RecordInput.array(input?["stageIds"] ?? .null)).map { GlobalID.id($0, of: "PipelineStage") }
                return try await MutationPayload.run("pipeline") {
                    try await call.context.services.pipelines.reorderStages(call.context.viewer, pipelineID: id, version: version, order: order)
                }
            }
            t.asyncField("createPipelineStage") { _, call in
                let input = call.arguments["input"]
                let pipelineID = try RecordInput.recordID(input, "Pipeline", noun: "pipeline", key: "pipelineId")
                let fields = StageFields(name: RecordInput.string(input?["name"] ?? .null) ?? "",
                                         probability: input?["probability"].flatMap(RecordInput.int) ?? 0,
                                         color: RecordInput.string(input?["color"] ?? .null) ?? "",
                                         stallDays: input?["stallDays"].flatMap(RecordInput.int))
                let colorGiven = RecordInput.string(input?["color"] ?? .null) != nil
                let position = input?["position"].flatMap(RecordInput.int)
                return try await stagePayload {
                    try await call.context.services.pipelines.createStage(call.context.viewer, pipelineID: pipelineID, fields: fields,
                                                                          colorGiven: colorGiven, position: position)
                }
            }
            t.asyncField("updatePipelineStage") { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, "PipelineStage", noun: "stage")
                let version = try RecordInput.requiredVersion(input)
                var changes = StageChanges()
                if case .object(let members)? = input {
                    for member in members {
                        switch member.key {
                        case "name": changes.name = RecordInput.string(member.value) ?? ""
                        case "probability": changes.probability = RecordInput.int(member.value) ?? 0
                        case "color": changes.color = RecordInput.string(member.value) ?? ""
                        case "stallDays": changes.stallDays = .set(RecordInput.int(member.value))
                        default: break
                        }
                    }
                }
                return try await stagePayload {
                    try await call.context.services.pipelines.updateStage(call.context.viewer, id: id, version: version, changes: changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "PipelineStage", noun: "stage") { call, id, version, deleting in
                let service = call.context.services.pipelines
                return try await stagePayload {
                    deleting ? try await service.deleteStage(call.context.viewer, id: id, version: version)
                             : try await service.restoreStage(call.context.viewer, id: id, version: version)
                }
            }
        }
    }

    static func stagePayload(_ body: () async throws -> PipelineService.StageOutcome) async throws -> [String: any Sendable] {
        do {
            let outcome = try await body()
            return IdentityResolvers.payload([
                "stage": outcome.stage, "pipeline": outcome.pipeline,
                "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable],
            ])
        } catch let error as DomainError {
            return try IdentityResolvers.failure(error)
        }
    }

    static func pipelinesByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: Pipeline] {
        Dictionary(uniqueKeysWithValues: try await context.services.pipelineStore.pipelines(ids: Array(Set(ids))).map { ($0.id, $0) })
    }

    static func stagesByID(_ ids: [Int64], _ context: RequestContext) async throws -> [Int64: PipelineStage] {
        Dictionary(uniqueKeysWithValues: try await context.services.pipelineStore.stages(ids: Array(Set(ids))).map { ($0.id, $0) })
    }
}
