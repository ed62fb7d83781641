import CRM
import Foundation
import GRDB

/// ``AlarmStore`` over SQLite: running SLA deadlines, task moments, and each alarm fired once
/// (`alarms_fired`) with its event in the same transaction.
public struct AlarmRepository: AlarmStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func runningDeadlines(dueBefore date: Date) async throws -> [RunningDeadline] {
        try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT d.*, i.sla_policy_id FROM sla_deadlines AS d JOIN inquiries AS i ON i.id = d.inquiry_id
                WHERE d.state = 'running' AND d.due_at IS NOT NULL AND d.due_at < ? AND i.deleted_at IS NULL
                """, arguments: [SQLTime.text(date)]).map { row in
                RunningDeadline(deadline: SlaDeadline(
                    id: row["id"], metric: SlaDeadline.Metric(rawValue: row["metric"]) ?? .resolution, state: .running,
                    targetMinutes: row["target_minutes"], startedAt: SQLTime.date(row["started_at"]) ?? .distantPast,
                    runningSince: SQLTime.date(row["running_since"]), consumedMinutes: row["consumed_minutes"],
                    dueAt: SQLTime.date(row["due_at"]), pausedAt: nil, metAt: nil, missedAt: nil),
                    inquiryID: row["inquiry_id"], slaPolicyID: row["sla_policy_id"])
            }
        }
    }

    public func taskMoments(since: Date, until: Date) async throws -> [TaskMoment] {
        let (from, to) = (SQLTime.text(since), SQLTime.text(until))
        return try await database.read { db in
            var moments: [TaskMoment] = []
            for row in try Row.fetchAll(cached: db, sql: """
                SELECT id, due_at FROM tasks WHERE deleted_at IS NULL AND status IN ('open', 'in_progress') AND due_at > ? AND due_at <= ?
                """, arguments: [from, to]) {
                if let at = SQLTime.date(row["due_at"]) { moments.append(TaskMoment(taskID: row["id"], reason: .due, at: at)) }
            }
            for row in try Row.fetchAll(cached: db, sql: """
                SELECT tasks.id, json_extract(r.value, '$.remindAt') AS remind_at FROM tasks, json_each(tasks.reminders) AS r
                WHERE tasks.deleted_at IS NULL AND tasks.status IN ('open', 'in_progress')
                    AND json_extract(r.value, '$.remindAt') > ? AND json_extract(r.value, '$.remindAt') <= ?
                """, arguments: [from, to]) {
                if let at = SQLTime.date(row["remind_at"]) { moments.append(TaskMoment(taskID: row["id"], reason: .reminder, at: at)) }
            }
            return moments
        }
    }

    public func onCommit(_ wake: @escaping @Sendable () -> Void) {
        // What the queue is built from: deadlines and their inquiries, policies, calendars, tasks.
        database.onCommit(changing: ["sla_deadlines", "inquiries", "sla_policies", "working_calendars", "tasks"], wake)
    }

    public func fire(_ alarm: Alarm) async throws -> Bool {
        try await database.write { db in
            if let due = alarm.deadlineDue {
                let current = try String.fetchOne(cached: db, sql: "SELECT due_at FROM sla_deadlines WHERE id = ? AND state = 'running'",
                                                  arguments: [alarm.recordID]).flatMap(SQLTime.date)
                guard let current, abs(current.timeIntervalSince(due)) < 0.001 else { return false }
            }
            try db.execute(sql: "INSERT OR IGNORE INTO alarms_fired (key, fired_at) VALUES (?, ?)", arguments: [alarm.key, SQLTime.text(Date())])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "INSERT INTO events (kind, record_id, detail, occurred_at) VALUES (?, ?, ?, ?)",
                           arguments: [alarm.kind.rawValue, alarm.recordID, alarm.detail, SQLTime.text(alarm.at)])
            return true
        }
    }
}
