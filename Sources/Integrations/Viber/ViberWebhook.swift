import CRM
import Foundation

/// `POST /hooks/viber/{accountId}`: a Viber bot's callbacks. The body must be signed with the
/// account's `authToken` (`X-Viber-Content-Signature`); messages land in the sender's dialogue and
/// receipts (`delivered`, `seen`, `failed`) move our messages' delivery status.
public struct ViberWebhook: Sendable {
    let dialogues: DialogueService

    public init(dialogues: DialogueService) {
        self.dialogues = dialogues
    }

    public func handle(accountID: Int64?, header: (String) -> String?, body: [UInt8]) async -> WebhookReply {
        let found: MessengerAccount
        switch await MessengerAccount.find(accountID, kinds: [.viber], noun: "Viber", dialogues: dialogues) {
        case .failure(let refusal): return refusal.reply
        case .success(let account): found = account
        }
        guard let token = found.secrets["authToken"], !token.isEmpty else {
            return .error(403, "The account has no authToken: set the bot's token to accept its callbacks.")
        }
        guard ViberBot.verify(body: body, signature: header(ViberBot.signatureHeader), token: token) else {
            return .error(401, "The \(ViberBot.signatureHeader) header does not sign this body with the account's authToken.")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let callback = ViberBot.callback(object, accountID: found.account.id) else {
            return .error(400, "The body must be a Viber callback: a JSON object with an event and its fields.")
        }
        let store = dialogues.store
        try? await store.touchAccount(id: found.account.id, error: nil, at: Date())
        do {
            switch callback {
            case .message(let incoming):
                let received = try await dialogues.receive(incoming)
                return .json(200, ["status": 0, "stored": received.messageIsNew])
            case .receipt(let externalID, let status, let reason):
                let changed = try await store.recordReceipt(accountID: found.account.id, externalID: externalID, status: status,
                                                            failureReason: reason, at: Date())
                return .json(200, ["status": 0, "changed": changed])
            case .acknowledged:
                return .json(200, ["status": 0])
            }
        } catch {
            return .error(503, "The callback could not be stored; Viber will deliver it again.")
        }
    }
}
