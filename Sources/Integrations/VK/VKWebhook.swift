import CRM
import Foundation
import Secrets

/// `POST /hooks/vk/{accountId}`: VK Callback API events of a community (a `vk` or `vk_shop`
/// channel's account). Every event must carry the account's `webhookSecret` as `secret`; the
/// `confirmation` handshake is answered with the account's `confirmationCode`. VK pauses a server
/// after repeated errors, so events we do not keep are still answered `ok`.
public struct VKWebhook: Sendable {
    let dialogues: DialogueService

    public init(dialogues: DialogueService) {
        self.dialogues = dialogues
    }

    public func handle(accountID: Int64?, body: [UInt8]) async -> WebhookReply {
        let found: MessengerAccount
        switch await MessengerAccount.find(accountID, kinds: [.vk, .vkShop], noun: "VK", dialogues: dialogues) {
        case .failure(let refusal): return refusal.reply
        case .success(let account): found = account
        }
        guard let event = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any], let type = event["type"] as? String else {
            return .error(400, "The body must be a JSON object with a type.")
        }
        guard let secret = found.secrets["webhookSecret"], !secret.isEmpty else {
            return .error(403, "The account has no webhookSecret: set one, and the same secret key in the community's Callback API settings.")
        }
        guard let given = event["secret"] as? String, Digest.constantTimeEquals(Array(given.utf8), Array(secret.utf8)) else {
            return .error(401, "The event's secret does not match the account's webhookSecret.")
        }
        if let group = found.settings["groupId"].map({ "\($0)" }), let sent = event["group_id"].map({ "\($0)" }), group != sent {
            return .error(403, "The event is for community \(sent), not this account's \(group).")
        }
        try? await dialogues.store.touchAccount(id: found.account.id, error: nil, at: Date())
        switch type {
        case "confirmation":
            guard let code = found.secrets["confirmationCode"] ?? found.settings["confirmationCode"] as? String, !code.isEmpty else {
                return .error(403, "The account has no confirmationCode: copy it from the community's Callback API settings.")
            }
            return Self.text(code)
        case "message_new":
            guard let object = event["object"] as? [String: Any],
                  let incoming = VKCallbackAPI.incoming(object, accountID: found.account.id) else {
                return Self.text("ok")
            }
            do {
                _ = try await dialogues.receive(incoming)
                return Self.text("ok")
            } catch {
                return .error(503, "The message could not be stored; VK will deliver it again.")
            }
        default:
            return Self.text("ok")
        }
    }

    static func text(_ text: String) -> WebhookReply {
        WebhookReply(status: 200, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}
