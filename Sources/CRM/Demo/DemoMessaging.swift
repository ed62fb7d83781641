import Foundation
import Secrets

/// Demo messaging: a Telegram support bot whose dialogues open inquiries, a sales mailbox, and
/// the corporate chat; two weeks of client conversations (some from clients' known phones, some
/// from strangers, some answered, some waiting in the queue) and a few colleague chats.
public enum DemoMessaging {
    static let questions = ["Здравствуйте! Не могу найти счёт за ноябрь, пришлите, пожалуйста.", "Добрый день, когда будет доставка по заказу?",
                            "Подскажите, как поменять контактное лицо в договоре?", "Hello! Is the integration with 1C available?",
                            "Нужен акт сверки за третий квартал.", "Можно ли перенести встречу на пятницу?",
                            "У нас не проходит оплата картой, что делать?", "Спасибо, всё получили!"]
    static let answers = ["Добрый день! Уже отправили на почту.", "Здравствуйте! Доставка запланирована на завтра, с 10 до 14.",
                          "Пришлите, пожалуйста, письмо на бланке организации — заменим.", "Hello! Yes, it is — I'll send the instructions.",
                          "Подготовим до конца недели.", "Да, конечно, перенёс.", "Проверяем, ответим в течение часа.", "Рады помочь!"]

    /// Seeds the channels and conversations unless channels exist; returns how many dialogues.
    public static func seed(dialogues: DialogueService, clients: any ClientStore, identity: any IdentityStore, secrets: SecretBox,
                            clock: any WallClock) async throws -> Int {
        let store = dialogues.store
        guard try await store.channels(kinds: nil, enabled: nil, deleted: .include).isEmpty else { return 0 }
        let users = try await identity.users(departmentID: nil)
        let operators = users.filter { $0.role == .operator }
        let telegram = try await store.insertChannel(Channel(name: "Поддержка в Telegram", kind: .telegram, operatorIDs: operators.map(\.id),
                                                             maxOpenPerOperator: 15, createInquiries: true), createdBy: nil, at: clock.now())
        let bot = try await store.insertAccount(ChannelAccount(
            channelID: telegram.id, name: "@switchboard_demo_bot", externalID: "7000000001", status: .connected,
            settings: #"{"botUsername":"switchboard_demo_bot"}"#,
            credentials: SealedCredentials(sealed: secrets.seal(Array(#"{"botToken":"7000000001:demo","webhookSecret":"demo-telegram-secret"}"#.utf8)),
                                           keys: ["botToken", "webhookSecret"])), createdBy: nil, at: clock.now())
        let mail = try await store.insertChannel(Channel(name: "Почта отдела продаж", kind: .email,
                                                         operatorIDs: users.filter { $0.role == .manager }.map(\.id)), createdBy: nil, at: clock.now())
        _ = try await store.insertAccount(ChannelAccount(channelID: mail.id, name: "sales@switchboard.test", externalID: "sales@switchboard.test",
                                                         settings: #"{"address":"sales@switchboard.test","incomingProtocol":"IMAP"}"#),
                                          createdBy: nil, at: clock.now())
        var query = ClientQuery()
        query.page.limit = 40
        let known = try await clients.clients(query, visibility: .all).items.compactMap { $0.fields.phones.first?.number }
        var random = DemoClients.Generator(state: 9_917)
        let now = clock.now()
        var count = 0
        for i in 0..<24 {
            let start = now.addingTimeInterval(-Double(1_800 + random.next(14 * 86_400)))
            let stranger = i % 5 == 4 || known.isEmpty
            let party = DialogueParty(name: stranger ? "Гость \(i + 1)" : nil, handle: "demo_user_\(i + 1)",
                                      phone: stranger ? nil : known[random.next(known.count)])
            let q = random.next(questions.count)
            let received = try await dialogues.receive(IncomingMessage(accountID: bot.id, conversationID: "\(900_000 + i)", party: party,
                                                                       messenger: "telegram", externalID: "\(900_000 + i):1", text: questions[q],
                                                                       sentAt: start))
            count += received.dialogueIsNew ? 1 : 0
            var dialogue = received.dialogue
            // Nobody is online while the demo is seeded, so the dialogues were queued; in the demo's
            // past, the operators on duty took all but the newest few.
            if dialogue.assigneeID == nil, i < 20, !operators.isEmpty {
                var taken = dialogue
                taken.assigneeID = operators[i % operators.count].id
                taken.queuedSince = nil
                if case .written(let written) = try await store.updateDialogue(taken, expectedVersion: dialogue.version,
                                                                               edits: DialogueService.edits(dialogue, taken), actor: .system,
                                                                               at: start.addingTimeInterval(60)) {
                    dialogue = written
                }
            }
            // Most get an answer from whoever holds the dialogue; some wait.
            guard i % 4 != 0, let assignee = dialogue.assigneeID,
                  let user = users.first(where: { $0.id == assignee }) else { continue }
            let answeredAt = start.addingTimeInterval(Double(120 + random.next(3_600)))
            guard answeredAt < now else { continue }
            var next = dialogue
            next.status = .waiting
            next.memberIDs = [user.id]
            let reply = Message(dialogueID: dialogue.id, accountID: bot.id, direction: .outgoing, authorKind: .user, authorID: user.id,
                                authorName: user.name, text: answers[q], sentAt: answeredAt, delivery: .read, deliveryChangedAt: answeredAt)
            if let stored = try await store.insertMessage(reply, dialogue: next, edits: DialogueService.edits(dialogue, next), actor: .user(user.id),
                                                          at: answeredAt) {
                try await store.markRead(dialogueID: dialogue.id, userID: user.id, upTo: stored.id)
                try await dialogues.inquiries.answered(fromDialogue: dialogue.id)
                dialogue = next
            }
        }
        // Colleagues talk too.
        if operators.count >= 2, let lead = users.first(where: { $0.role == .supervisor && $0.email.hasPrefix("elena") }) {
            let viewer = Viewer.user(operators[0], sessionID: 0)
            if let direct = try await dialogues.openDirectChat(viewer, userID: operators[1].id).dialogue {
                _ = try await dialogues.send(viewer, dialogueID: direct.id, OutgoingMessage(text: "Подменишь меня на линии с 14 до 15?"))
                _ = try await dialogues.send(.user(operators[1], sessionID: 0), dialogueID: direct.id, OutgoingMessage(text: "Да, без проблем."))
            }
            if let group = try await dialogues.createGroupChat(.user(lead, sessionID: 0), title: "Служба поддержки",
                                                                memberIDs: operators.map(\.id)).dialogue {
                _ = try await dialogues.send(.user(lead, sessionID: 0), dialogueID: group.id,
                                             OutgoingMessage(text: "Коллеги, в пятницу обновление — предупреждайте клиентов."))
            }
        }
        return count
    }
}
