import Foundation

/// One event in a client's timeline: what it is about, what happened, when and by whom, the
/// record it points to, and what a one-line summary needs.
public struct TimelineEntry: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case profile, note, file, task, deal, inquiry, call, project, message, email }
    public enum Action: String, Sendable {
        case created, updated, completed, stageChanged = "stage_changed", won, lost, reopened, converted, deleted, restored, resolved, closed, received, sent, missed
    }

    public let id: Int64
    public let clientID: Int64
    public let kind: Kind
    public let action: Action
    public let occurredAt: Date
    /// Nil for events from outside (an incoming call).
    public let actor: Actor?
    /// The record's type as the schema names it (`Client`, `Contact`, `Note`, `File`, `Task`,
    /// `Deal`, `DealStageChange`, `Inquiry`) and its id.
    public let recordType: String
    public let recordID: Int64
    /// The record's name or title (a note's first 200 characters).
    public let title: String
    /// The changed fields, the stage entered, a task's result, or a note's subject type.
    public let detail: String?

    public init(id: Int64, clientID: Int64, kind: Kind, action: Action, occurredAt: Date, actor: Actor?, recordType: String,
                recordID: Int64, title: String, detail: String?) {
        self.id = id
        self.clientID = clientID
        self.kind = kind
        self.action = action
        self.occurredAt = occurredAt
        self.actor = actor
        self.recordType = recordType
        self.recordID = recordID
        self.title = title
        self.detail = detail
    }

    /// A one-line description in Russian (`ru`) or English (any other locale).
    public func summary(locale: String) -> String {
        let ru = locale.lowercased().hasPrefix("ru")
        let name = "«\(title)»"
        switch (kind, action) {
        case (.profile, .created) where recordType == "Contact":
            return ru ? "Добавлен контакт \(name)" : "Contact \(name) added"
        case (.profile, .created): return ru ? "Клиент \(name) создан" : "Client \(name) created"
        case (.profile, .converted): return ru ? "Клиент \(name) стал клиентом из потенциального" : "Prospect \(name) became a client"
        case (.profile, .deleted): return ru ? "Клиент \(name) удалён" : "Client \(name) deleted"
        case (.profile, .restored): return ru ? "Клиент \(name) восстановлен" : "Client \(name) restored"
        case (.profile, _): return ru ? "Изменено: \(detail ?? "")" : "Changed: \(detail ?? "")"
        case (.note, _): return ru ? "Заметка: \(Self.firstLine(title))" : "Note: \(Self.firstLine(title))"
        case (.file, _): return ru ? "Прикреплён файл \(name)" : "File \(name) attached"
        case (.task, .completed):
            let result = detail.map { ru ? " — \($0)" : " — \($0)" } ?? ""
            return (ru ? "Задача \(name) выполнена" : "Task \(name) completed") + result
        case (.task, _): return ru ? "Задача \(name) поставлена" : "Task \(name) created"
        case (.inquiry, .resolved): return ru ? "Обращение \(name) решено" : "Inquiry \(name) resolved"
        case (.inquiry, .closed):
            let reason = detail.map { ru ? " — отклонено: \($0)" : " — rejected: \($0)" } ?? ""
            return (ru ? "Обращение \(name) закрыто" : "Inquiry \(name) closed") + reason
        case (.inquiry, _): return ru ? "Обращение \(name) зарегистрировано" : "Inquiry \(name) registered"
        case (.message, .sent), (.email, .sent): return (ru ? "Отправлено сообщение" : "Message sent") + Self.via(detail, ru) + ": " + Self.firstLine(title)
        case (.message, _), (.email, _): return (ru ? "Получено сообщение" : "Message received") + Self.via(detail, ru) + ": " + Self.firstLine(title)
        case (.project, _): return ru ? "Проект \(name) создан" : "Project \(name) created"
        case (.call, .missed): return ru ? "Пропущенный звонок с номера \(title)" : "Missed call from \(title)"
        case (.call, .sent): return (ru ? "Исходящий звонок на номер \(title)" : "Outgoing call to \(title)") + Self.duration(detail, ru)
        case (.call, _): return (ru ? "Входящий звонок с номера \(title)" : "Incoming call from \(title)") + Self.duration(detail, ru)
        case (.deal, .created): return ru ? "Сделка \(name) создана" : "Deal \(name) created"
        case (.deal, .won): return ru ? "Сделка \(name) выиграна" : "Deal \(name) won"
        case (.deal, .lost): return ru ? "Сделка \(name) проиграна" : "Deal \(name) lost"
        case (.deal, .reopened): return ru ? "Сделка \(name) открыта снова на этапе «\(detail ?? "")»" : "Deal \(name) reopened in \(detail ?? "")"
        case (.deal, _): return ru ? "Сделка \(name) переведена на этап «\(detail ?? "")»" : "Deal \(name) moved to \(detail ?? "")"
        }
    }

    /// ` (Telegram)` for the channel a message went through.
    static func via(_ channel: String?, _ ru: Bool) -> String {
        channel.map { " (\($0))" } ?? ""
    }

    /// `, 2:05` for a talk time in seconds; `, not answered` for a finished call without one;
    /// nothing for a call still going on (no talk time yet).
    static func duration(_ seconds: String?, _ ru: Bool) -> String {
        guard let seconds = seconds.flatMap(Int.init) else { return "" }
        guard seconds > 0 else { return ru ? ", без ответа" : ", not answered" }
        return String(format: ", %d:%02d", seconds / 60, seconds % 60)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }
}

/// The timeline of one client.
public protocol TimelineStore: Sendable {
    /// A page of the client's timeline, newest first, holding only items whose records the
    /// viewer sees (the caller has checked the client is visible).
    func timeline(clientID: Int64, kinds: [TimelineEntry.Kind]?, from: Date?, to: Date?, page: PageRequest,
                  visibility: Visibility) async throws -> Page<TimelineEntry>
    /// One item by id, if the viewer sees its record (the caller checks the client).
    func timelineEntry(id: Int64, visibility: Visibility) async throws -> TimelineEntry?
}
