import Foundation

/// The rules every versioned record shares, whatever its fields: a write that names a stale
/// version saves nothing and answers the current record with a `CONFLICT` user error; a change
/// with no edits writes nothing; deleting and restoring are a recorded change of `deletedAt`.
enum VersionedRecord {
    /// The history edit for deleting (`deleting`) or restoring a record now.
    static func deletionEdit(from deletedAt: Date?, deleting: Bool, now: Date) -> FieldEdit {
        FieldEdit("deletedAt", old: FieldEdit.json(deletedAt.map(RFC3339.format)), new: FieldEdit.json(deleting ? RFC3339.format(now) : nil))
    }

    /// Runs `store` unless there is nothing to write, and turns its outcome into the record as it
    /// is now and the user errors.
    static func write<Record: Sendable>(_ current: Record, currentVersion: Int, expectedVersion: Int?, edits: [FieldEdit],
                                        noun: String, version: (Record) -> Int,
                                        store: () async throws -> VersionedWrite<Record>) async throws -> (Record, [UserError]) {
        if edits.isEmpty {
            guard expectedVersion == nil || expectedVersion == currentVersion else {
                return (current, [.staleVersion(noun, current: currentVersion)])
            }
            return (current, [])
        }
        switch try await store() {
        case .written(let record): return (record, [])
        case .stale(let latest): return (latest, [.staleVersion(noun, current: version(latest))])
        case .notFound: throw DomainError.notFound("No such \(noun).")
        }
    }
}
