import CRM
import Foundation

/// Every inbound webhook endpoint: telephony (`/hooks/telephony/{lineId}`) and the messengers
/// (`/hooks/telegram|vk|viber/{accountId}`), each answering in the form its sender expects.
public struct Webhooks: Sendable {
    public let telephony: TelephonyWebhook
    public let telegram: TelegramWebhook
    public let vk: VKWebhook
    public let viber: ViberWebhook

    public init(calls: CallService, telephony: TelephonyConfigService, dialogues: DialogueService, clock: any WallClock,
                globalID: @escaping @Sendable (String, Int64) -> String) {
        self.telephony = TelephonyWebhook(calls: calls, config: telephony, clock: clock, globalID: globalID)
        self.telegram = TelegramWebhook(dialogues: dialogues)
        self.vk = VKWebhook(dialogues: dialogues)
        self.viber = ViberWebhook(dialogues: dialogues)
    }
}
