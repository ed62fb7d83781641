import CRM
import Foundation

/// Delivers queued outgoing messages through their channel's service, every second: Telegram's
/// Bot API (honouring `retry_after`), VK's `messages.send` and Viber's `send_message`, retrying
/// what the service asks to retry and giving up after 10 tries; a channel kind without an adapter
/// yet (e-mail, web chat) fails the message with that reason rather than leaving it queued for ever.
public struct MessageDelivery: Sendable {
    let store: any MessagingStore
    let channels: ChannelService
    let client: HTTPClient
    let clock: any WallClock
    static let maximumAttempts = 10

    public init(store: any MessagingStore, channels: ChannelService, client: HTTPClient = HTTPClient(), clock: any WallClock) {
        self.store = store
        self.channels = channels
        self.client = client
        self.clock = clock
    }

    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            try? await deliverDue()
            try? await Task.sleep(for: interval)
        }
    }

    /// One round: every queued message due for a try.
    public func deliverDue() async throws {
        for (message, dialogue, account, attempts) in try await store.queuedMessages(now: clock.now(), limit: 50) {
            let attempt = await deliver(message, dialogue: dialogue, account: account)
            let now = clock.now()
            switch attempt {
            case .sent(let externalID):
                try await store.recordDelivery(messageID: message.id, status: .sent, externalID: externalID, failureReason: nil, nextAttemptAt: nil, at: now)
                try await store.touchAccount(id: account.id, error: nil, at: now)
            case .retry(let seconds, let reason):
                let giveUp = attempts + 1 >= Self.maximumAttempts
                try await store.recordDelivery(messageID: message.id, status: giveUp ? .failed : nil, externalID: nil,
                                               failureReason: giveUp ? reason : nil,
                                               nextAttemptAt: giveUp ? nil : now.addingTimeInterval(seconds), at: now)
                if giveUp { try await store.touchAccount(id: account.id, error: reason, at: now) }
            case .failed(let reason):
                try await store.recordDelivery(messageID: message.id, status: .failed, externalID: nil, failureReason: reason, nextAttemptAt: nil, at: now)
            }
        }
    }

    private func deliver(_ message: Message, dialogue: Dialogue, account: ChannelAccount) async -> DeliveryAttempt {
        guard let channel = try? await store.channels(ids: [account.channelID]).first else { return .failed(reason: "The channel is gone.") }
        guard account.enabled, account.deletedAt == nil, channel.enabled else { return .failed(reason: "The channel account is disabled.") }
        let secrets = (try? channels.credentials(of: account)) ?? [:]
        let settings = MessengerAccount.settings(of: account)
        let notConnected = DeliveryAttempt.failed(reason: "Sending through \(channel.kind.rawValue) channels is not connected yet.")
        guard [.telegram, .vk, .vkShop, .viber].contains(channel.kind) else { return notConnected }
        // Messenger bots can only answer a conversation the client started.
        guard let conversation = dialogue.externalID else {
            return .failed(reason: "A \(channel.kind.rawValue) bot can only answer a conversation the client started.")
        }
        switch channel.kind {
        case .telegram:
            guard let token = secrets["botToken"], !token.isEmpty else { return .failed(reason: "The account has no botToken.") }
            return await TelegramBot.send(message, chatID: conversation, token: token,
                                          api: HTTPClient.apiBase(settings) ?? TelegramBot.defaultAPI, client: client)
        case .vk, .vkShop:
            guard let token = secrets["accessToken"], !token.isEmpty else { return .failed(reason: "The account has no accessToken.") }
            return await VKCallbackAPI.send(message, peerID: conversation, token: token,
                                            api: HTTPClient.apiBase(settings) ?? VKCallbackAPI.defaultAPI,
                                            version: settings["apiVersion"] as? String ?? VKCallbackAPI.defaultVersion, client: client)
        case .viber:
            guard let token = secrets["authToken"], !token.isEmpty else { return .failed(reason: "The account has no authToken.") }
            return await ViberBot.send(message, receiver: conversation, senderName: settings["senderName"] as? String ?? account.name, token: token,
                                       api: HTTPClient.apiBase(settings) ?? ViberBot.defaultAPI, client: client)
        default:
            return notConnected
        }
    }
}
