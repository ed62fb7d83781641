import Foundation

/// Editing, deleting and restoring departments (admins only), with optimistic concurrency and
/// field history: the pattern every record of the CRM follows.
public struct DepartmentService: Sendable {
    public let store: any IdentityStore
    public let clock: any WallClock

    public init(store: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The outcome of a change: the department as it is now, and the user errors if refused.
    public struct Outcome: Sendable {
        public let department: Department?
        public let userErrors: [UserError]
    }

    /// Renames a department or changes its head. `version` must be the one the caller read.
    public func update(_ viewer: Viewer, id: Int64, version: Int, name: String?, headID: Int64??) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change departments.")
        guard let current = try await store.departments(ids: [id]).first else { throw DomainError.notFound("No such department.") }
        var errors: [UserError] = []
        var newName = current.name
        if let name {
            newName = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if newName.isEmpty {
                errors.append(UserError(field: ["input", "name"], message: "Enter a name.", code: "REQUIRED"))
            } else if newName != current.name, let other = try await store.department(name: newName), other.id != id {
                errors.append(UserError(field: ["input", "name"], message: "A department with this name exists.", code: "TAKEN"))
            }
        }
        var newHead = current.headID
        if let headID {
            if let userID = headID, try await store.user(id: userID) == nil {
                errors.append(UserError(field: ["input", "headId"], message: "No such user.", code: "NOT_FOUND"))
            } else {
                newHead = headID
            }
        }
        guard errors.isEmpty else { return Outcome(department: current, userErrors: errors) }
        var edits: [FieldEdit] = []
        if newName != current.name { edits.append(FieldEdit("name", old: FieldEdit.json(current.name), new: FieldEdit.json(newName))) }
        if newHead != current.headID { edits.append(FieldEdit("headId", old: FieldEdit.json(current.headID), new: FieldEdit.json(newHead))) }
        return try await write(current, version: version, name: newName, headID: newHead, deletedAt: current.deletedAt,
                               edits: edits, viewer: viewer)
    }

    /// Soft-deletes a department (it can be restored); `version`, when given, must be current.
    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    /// Restores a soft-deleted department.
    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        try viewer.requireAdmin("Only admins change departments.")
        guard let current = try await store.departments(ids: [id]).first else { throw DomainError.notFound("No such department.") }
        guard (current.deletedAt != nil) != deleted else { return Outcome(department: current, userErrors: []) }
        if !deleted, let other = try await store.department(name: current.name), other.id != id {
            return Outcome(department: current, userErrors: [
                UserError(field: ["input", "id"], message: "Another department now has this name.", code: "TAKEN"),
            ])
        }
        let now = clock.now()
        return try await write(current, version: version, name: current.name, headID: current.headID, deletedAt: deleted ? now : nil,
                               edits: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func write(_ current: Department, version: Int?, name: String, headID: Int64?, deletedAt: Date?,
                       edits: [FieldEdit], viewer: Viewer) async throws -> Outcome {
        let (department, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                   edits: edits, noun: "department", version: \.version) {
            try await store.updateDepartment(id: current.id, expectedVersion: version ?? current.version, name: name, headID: headID,
                                             deletedAt: deletedAt, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(department: department, userErrors: errors)
    }
}
