import CRM
import Foundation
import Secrets

/// `POST /hooks/telegram/{accountId}`: Telegram's updates for a bot. The account must be a live,
/// enabled Telegram account whose `webhookSecret` the `X-Telegram-Bot-Api-Secret-Token` header
/// carries; each update's message lands in its chat's dialogue. Telegram retries anything but a
/// 2xx, so an update that carries no message is acknowledged too.
public struct TelegramWebhook: Sendable {
    let dialogues: DialogueService

    public init(dialogues: DialogueService) {
        self.dialogues = dialogues
    }

    public func handle(accountID: Int64?, header: (String) -> String?, body: [UInt8]) async -> WebhookReply {
        let found: MessengerAccount
        switch await MessengerAccount.find(accountID, kinds: [.telegram], noun: "Telegram", dialogues: dialogues) {
        case .failure(let refusal): return refusal.reply
        case .success(let account): found = account
        }
        guard let secret = found.secrets["webhookSecret"], !secret.isEmpty else {
            return .error(403, "The account has no webhookSecret: set one, and give it to setWebhook as secret_token.")
        }
        guard let given = header(TelegramBot.secretHeader), Digest.constantTimeEquals(Array(given.utf8), Array(secret.utf8)) else {
            return .error(401, "The \(TelegramBot.secretHeader) header does not match the account's webhookSecret.")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(body))) is [String: Any] else { return .error(400, "The body must be a JSON Update object.") }
        try? await dialogues.store.touchAccount(id: found.account.id, error: nil, at: Date())
        guard let incoming = TelegramBot.incoming(body, accountID: found.account.id) else { return .json(200, ["ok": true, "stored": false]) }
        do {
            let received = try await dialogues.receive(incoming)
            return .json(200, ["ok": true, "stored": received.messageIsNew])
        } catch {
            return .error(503, "The message could not be stored; Telegram will deliver it again.")
        }
    }
}
