import CRM
import Foundation

/// The channel account a messenger's webhook names, with its settings and decrypted credentials,
/// or the answer that refuses the delivery (404 unknown or of another kind, 403 disabled).
struct MessengerAccount {
    let account: ChannelAccount
    let channel: Channel
    let secrets: [String: String]
    let settings: [String: Any]

    static func find(_ accountID: Int64?, kinds: Set<Channel.Kind>, noun: String,
                     dialogues: DialogueService) async -> Result<MessengerAccount, WebhookRefusal> {
        let store = dialogues.store
        guard let accountID, let account = try? await store.accounts(ids: [accountID]).first, account.deletedAt == nil,
              let channel = try? await store.channels(ids: [account.channelID]).first, kinds.contains(channel.kind), channel.deletedAt == nil else {
            return .failure(WebhookRefusal(.error(404, "No such \(noun) account.")))
        }
        guard account.enabled, channel.enabled else { return .failure(WebhookRefusal(.error(403, "The account is disabled."))) }
        let secrets = (try? dialogues.channels.credentials(of: account)) ?? [:]
        return .success(MessengerAccount(account: account, channel: channel, secrets: secrets, settings: settings(of: account)))
    }

    /// An account's settings object (`apiBaseUrl`, provider specifics).
    static func settings(of account: ChannelAccount) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(account.settings.utf8))) as? [String: Any] ?? [:]
    }
}

/// A webhook delivery refused before its content is looked at.
struct WebhookRefusal: Error {
    let reply: WebhookReply

    init(_ reply: WebhookReply) {
        self.reply = reply
    }
}
