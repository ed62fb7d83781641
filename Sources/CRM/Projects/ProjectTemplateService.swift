import Foundation

/// Changes to a project template; nil leaves a field as it is (`rows` and `links` replace the
/// whole lists).
public struct ProjectTemplateChanges: Sendable {
    public var name: String?
    public var description: Change<String?> = .keep
    public var rows: [ProjectTemplate.Row]?
    public var links: [ProjectTemplate.Link]?

    public init() {}
}

/// Project templates, which admins and supervisors keep: keys unique, a row's parent a stage of
/// the template listed before it, durations 0–3650 working days (0 for a milestone), links
/// between rows of the template and without a cycle. Projects made from a template keep their
/// own copy of the plan.
public struct ProjectTemplateService: Sendable {
    public let store: any ProjectStore
    public let clock: any WallClock

    public init(store: any ProjectStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let template: ProjectTemplate?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, _ changes: ProjectTemplateChanges) async throws -> Outcome {
        try Self.requireEditor(viewer)
        var errors = Errors()
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        let template = Self.apply(changes, to: ProjectTemplate(name: ""), &errors)
        guard errors.list.isEmpty else { return Outcome(template: nil, userErrors: errors.list) }
        return Outcome(template: try await store.insertTemplate(template, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, _ changes: ProjectTemplateChanges) async throws -> Outcome {
        try Self.requireEditor(viewer)
        guard let current = try await store.templates(ids: [id]).first else { throw DomainError.notFound("No such project template.") }
        var errors = Errors()
        let next = Self.apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return Outcome(template: current, userErrors: errors.list) }
        return try await write(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        try Self.requireEditor(viewer)
        guard let current = try await store.templates(ids: [id]).first else { throw DomainError.notFound("No such project template.") }
        guard (current.deletedAt != nil) != deleted else { return Outcome(template: current, userErrors: []) }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await write(current, next, version: version,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func write(_ current: ProjectTemplate, _ next: ProjectTemplate, version: Int?, extra: [FieldEdit],
                       viewer: Viewer) async throws -> Outcome {
        var edits = extra
        if current.name != next.name { edits.append(FieldEdit("name", old: FieldEdit.json(current.name), new: FieldEdit.json(next.name))) }
        if current.description != next.description {
            edits.append(FieldEdit("description", old: FieldEdit.json(current.description), new: FieldEdit.json(next.description)))
        }
        if current.rows != next.rows {
            edits.append(FieldEdit("tasks", old: String(current.rows.count), new: String(next.rows.count)))
        }
        if current.links != next.links {
            edits.append(FieldEdit("dependencies", old: String(current.links.count), new: String(next.links.count)))
        }
        let (template, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                 noun: "project template", version: \.version) {
            try await store.updateTemplate(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(template: template, userErrors: errors)
    }

    /// Admins and supervisors (the project office) keep templates.
    static func requireEditor(_ viewer: Viewer) throws {
        guard viewer != .anonymous else { throw DomainError.unauthenticated("Sign in to do this.") }
        guard let role = viewer.user?.role, role == .admin || role == .supervisor else {
            throw DomainError.forbidden("Only admins and supervisors change project templates.")
        }
    }

    static func apply(_ changes: ProjectTemplateChanges, to start: ProjectTemplate, _ errors: inout Errors) -> ProjectTemplate {
        var template = start
        if let name = changes.name {
            template.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if template.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if template.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if case .set(let description) = changes.description { template.description = PipelineService.trimmed(description) }
        if let rows = changes.rows {
            template.rows = []
            var kinds: [String: ScheduleTask.Kind] = [:]
            if rows.count > 1_000 { errors.add(["tasks"], "At most 1000 rows.", "TOO_LONG") }
            for (i, input) in rows.enumerated() {
                var row = input
                let path = ["tasks", String(i)]
                row.key = row.key.trimmingCharacters(in: .whitespaces)
                row.name = row.name.trimmingCharacters(in: .whitespacesAndNewlines)
                row.assigneeRoles = row.assigneeRoles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if row.key.isEmpty || row.key.count > 100 { errors.add(path + ["key"], "A key is 1 to 100 characters.", "INVALID") }
                else if kinds[row.key] != nil { errors.add(path + ["key"], "Another row has the key \(row.key).", "TAKEN") }
                if row.name.isEmpty { errors.add(path + ["name"], "Enter a name.", "REQUIRED") }
                else if row.name.count > 500 { errors.add(path + ["name"], "At most 500 characters.", "TOO_LONG") }
                if let parent = row.parentKey {
                    if kinds[parent] == nil { errors.add(path + ["parentKey"], "No stage with the key \(parent) comes before this row.", "NOT_FOUND") }
                    else if kinds[parent] != .stage { errors.add(path + ["parentKey"], "\(parent) is not a stage.", "INVALID") }
                }
                ProjectService.checkDuration(kind: row.kind, days: &row.durationDays, path: path + ["durationDays"], &errors)
                kinds[row.key] = row.kind
                template.rows.append(row)
            }
        }
        if let links = changes.links {
            let keys = Set(template.rows.map(\.key))
            for (i, link) in links.enumerated() {
                let path = ["dependencies", String(i)]
                if !keys.contains(link.predecessorKey) { errors.add(path + ["predecessorKey"], "No row has this key.", "NOT_FOUND") }
                if !keys.contains(link.successorKey) { errors.add(path + ["successorKey"], "No row has this key.", "NOT_FOUND") }
                if abs(link.lagDays) > 3_650 { errors.add(path + ["lagDays"], "A lag is at most 3650 working days either way.", "OUT_OF_RANGE") }
            }
            if Set(links.map { [$0.predecessorKey, $0.successorKey] }).count != links.count {
                errors.add(["dependencies"], "List each pair of rows once.", "INVALID")
            }
            template.links = links
        } else if changes.rows != nil {
            // Rows replaced without links: keep the links whose rows are still there.
            let keys = Set(template.rows.map(\.key))
            template.links = template.links.filter { keys.contains($0.predecessorKey) && keys.contains($0.successorKey) }
        }
        if errors.list.isEmpty {
            let plan = template.schedulePlan
            if let cycle = ProjectSchedule.cycle(tasks: plan.tasks, dependencies: plan.dependencies) {
                errors.add(["dependencies"], cycle.message, "DEPENDENCY_CYCLE")
            }
        }
        return template
    }
}
