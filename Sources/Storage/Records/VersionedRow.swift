import CRM
import GRDB

/// The write every versioned record shares: inside the caller's transaction, check the version,
/// set the columns, bump the version and `updated_at`, and record the field history.
enum VersionedRow {
    enum Outcome { case written, stale, notFound }

    static func update(_ db: GRDB.Database, table: String, entity: String, id: Int64, expectedVersion: Int?,
                       columns: [(String, (any DatabaseValueConvertible)?)], edits: [FieldEdit], actor: Actor,
                       at time: String) throws -> Outcome {
        guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM \(table) WHERE id = ?", arguments: [id]) else { return .notFound }
        if let expectedVersion, expectedVersion != version { return .stale }
        let assignments = (columns.map { "\($0.0) = ?" } + ["updated_at = ?", "version = version + 1"]).joined(separator: ", ")
        var arguments = StatementArguments(columns.map { $0.1 })
        arguments += [time, id, version]
        try db.execute(sql: "UPDATE \(table) SET \(assignments) WHERE id = ? AND version = ?", arguments: arguments)
        try HistoryWriter.record(db, entity: entity, id: id, version: version + 1, edits: edits, actor: actor, at: time)
        return .written
    }

    /// The outcome as the store protocols answer it, with the record read back.
    static func result<Record>(_ outcome: Outcome, _ record: Record?) -> VersionedWrite<Record> {
        guard let record else { return .notFound }
        switch outcome {
        case .written: return .written(record)
        case .stale: return .stale(current: record)
        case .notFound: return .notFound
        }
    }
}
