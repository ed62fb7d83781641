import CRM
import Foundation
import GRDB

/// Many synthetic records written fast (prepared statements, one transaction per thousand
/// clients), for load tests and benchmarks: clients with a phone, an e-mail and a contact, their
/// deals with stage histories, a task and a note per deal on every third. The search index and
/// the timeline follow, through the same triggers and views as every other write.
public enum BulkLoad {
    public struct Counts: Sendable {
        public let clients: Int
        public let deals: Int
    }

    /// Adds `clients` clients owned in turn by `owners`, each with `dealsPerClient` deals in the
    /// stages of `stages` (ids of one pipeline, in order).
    public static func fill(_ database: Database, clients: Int, dealsPerClient: Int, owners: [Int64], pipelineID: Int64,
                            stages: [Int64], now: Date) throws -> Counts {
        precondition(!owners.isEmpty && !stages.isEmpty)
        let words = ["Ромашка", "Вектор", "Альфа", "Меридиан", "Горизонт", "Импульс", "Квант", "Океан", "Сибирь", "Арктика",
                     "Nordwind", "BlueLine", "Orion", "Atlas", "Vega", "Zenit"]
        let suffixes = ["Групп", "Логистик", "Плюс", "Сервис", "Трейд", "Systems", "Ltd", "Холдинг"]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let batch = 1_000
        var done = 0
        while done < clients {
            let count = min(batch, clients - done)
            let first = done
            try database.write { db in
                let client = try db.makeStatement(sql: """
                    INSERT INTO clients (kind, status, name, legal_name, inn, web_domain, owner_id, phones, emails, created_at, updated_at)
                    VALUES ('organisation', 'client', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let contact = try db.makeStatement(sql: """
                    INSERT INTO contacts (first_name, last_name, name, client_id, owner_id, phones, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let deal = try db.makeStatement(sql: """
                    INSERT INTO deals (title, pipeline_id, stage_id, status, amount, currency, owner_id, client_id, contact_id,
                        stage_entered_at, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, 'RUB', ?, ?, ?, ?, ?, ?)
                    """)
                let change = try db.makeStatement(sql: """
                    INSERT INTO deal_stage_changes (deal_id, from_stage_id, to_stage_id, from_status, to_status, changed_at, actor_kind,
                        actor_id, seconds_in_previous_stage) VALUES (?, ?, ?, ?, 'open', ?, 'user', ?, ?)
                    """)
                let task = try db.makeStatement(sql: """
                    INSERT INTO tasks (title, kind, assignee_id, due_at, client_id, deal_id, created_at, updated_at, created_by)
                    VALUES (?, 'call', ?, ?, ?, ?, ?, ?, ?)
                    """)
                let note = try db.makeStatement(sql: """
                    INSERT INTO notes (subject_type, subject_id, client_id, body, created_at, updated_at, created_by)
                    VALUES ('Deal', ?, ?, ?, ?, ?, ?)
                    """)
                for i in first..<(first + count) {
                    let owner = owners[i % owners.count]
                    let name = "ООО «\(words[next(words.count)]) \(suffixes[next(suffixes.count)])» №\(i + 1)"
                    let created = now.addingTimeInterval(-86_400 * Double(200 + next(300)))
                    let phone = "+79" + String(format: "%09d", 100_000_000 + next(899_999_999))
                    try client.execute(arguments: [name, name, String(format: "%010d", 1_000_000_000 + i), "bulk\(i).example.ru", owner,
                                                   "[{\"number\":\"\(phone)\",\"kind\":\"work\",\"primary\":true}]",
                                                   "[{\"address\":\"info@bulk\(i).example.ru\",\"kind\":\"work\",\"primary\":true}]",
                                                   SQLTime.text(created), SQLTime.text(created)])
                    let clientID = db.lastInsertedRowID
                    let contactPhone = "+79" + String(format: "%09d", 100_000_000 + next(899_999_999))
                    try contact.execute(arguments: ["Иван", "Петров \(i)", "Иван Петров \(i)", clientID, owner,
                                                    "[{\"number\":\"\(contactPhone)\",\"kind\":\"mobile\",\"primary\":true}]",
                                                    SQLTime.text(created), SQLTime.text(created)])
                    let contactID = db.lastInsertedRowID
                    for d in 0..<dealsPerClient {
                        var time = created.addingTimeInterval(86_400 * Double(1 + next(30)))
                        let steps = next(stages.count)
                        let entered = time.addingTimeInterval(86_400 * Double(steps * 3))
                        try deal.execute(arguments: ["Поставка \(d + 1) — \(name)", pipelineID, stages[steps], String(10_000 + next(990_000)),
                                                     owner, clientID, contactID, SQLTime.text(entered), SQLTime.text(time), SQLTime.text(entered)])
                        let dealID = db.lastInsertedRowID
                        try change.execute(arguments: [dealID, nil, stages[0], nil, SQLTime.text(time), owner, nil])
                        for s in 0..<steps {
                            time = time.addingTimeInterval(86_400 * 3)
                            try change.execute(arguments: [dealID, stages[s], stages[s + 1], "open", SQLTime.text(time), owner, 3 * 86_400])
                        }
                        if d % 3 == 0 {
                            try task.execute(arguments: ["Позвонить по сделке", owner, SQLTime.text(now.addingTimeInterval(86_400)), clientID,
                                                         dealID, SQLTime.text(time), SQLTime.text(time), owner])
                            try note.execute(arguments: [dealID, clientID, "Обсудили условия поставки.", SQLTime.text(time), SQLTime.text(time),
                                                         owner])
                        }
                    }
                }
            }
            done += count
        }
        return Counts(clients: clients, deals: clients * dealsPerClient)
    }
}
