import CRM
import Foundation

/// Telegram's Bot API: `Update`s from its webhook become incoming messages; answers go out with
/// `sendMessage`. Each chat is a dialogue (`chat.id`); a message's id is unique within its chat,
/// so `chat:message` is its id at the service and a repeated update stores nothing twice.
public enum TelegramBot {
    /// The header Telegram sends with the `secret_token` the webhook was set with.
    public static let secretHeader = "X-Telegram-Bot-Api-Secret-Token"
    /// Where the Bot API is unless an account's `apiBaseUrl` says otherwise.
    public static let defaultAPI = "https://api.telegram.org"

    /// The incoming message of an update, or nil for updates that carry none (edits, joins…).
    public static func incoming(_ body: [UInt8], accountID: Int64) -> IncomingMessage? {
        guard let update = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let message = update["message"] as? [String: Any],
              let chat = message["chat"] as? [String: Any], let chatID = (chat["id"] as? NSNumber)?.int64Value,
              let messageID = (message["message_id"] as? NSNumber)?.int64Value else { return nil }
        let from = message["from"] as? [String: Any] ?? [:]
        let name = [from["first_name"] as? String, from["last_name"] as? String].compactMap { $0 }.joined(separator: " ")
        let contact = message["contact"] as? [String: Any]
        var text = message["text"] as? String ?? message["caption"] as? String
        if text == nil, let phone = contact?["phone_number"] as? String { text = phone }
        var attachments: [MessageAttachment] = []
        if let document = message["document"] as? [String: Any] {
            attachments.append(MessageAttachment(kind: .document, name: document["file_name"] as? String ?? "document",
                                                 contentType: document["mime_type"] as? String ?? "application/octet-stream",
                                                 size: (document["file_size"] as? NSNumber)?.intValue,
                                                 sourceURL: (document["file_id"] as? String).map { "telegram:file/\($0)" }))
        }
        if let photos = message["photo"] as? [[String: Any]], let largest = photos.last {
            attachments.append(MessageAttachment(kind: .image, name: "photo.jpg", contentType: "image/jpeg",
                                                 size: (largest["file_size"] as? NSNumber)?.intValue,
                                                 sourceURL: (largest["file_id"] as? String).map { "telegram:file/\($0)" }))
        }
        let sent = (message["date"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) } ?? Date()
        return IncomingMessage(accountID: accountID, conversationID: String(chatID),
                               party: DialogueParty(name: name.isEmpty ? nil : name, handle: from["username"] as? String,
                                                    phone: contact?["phone_number"] as? String),
                               messenger: "telegram", externalID: "\(chatID):\(messageID)", text: text, attachments: attachments, sentAt: sent)
    }

    /// Sends a message's text to its chat; the answer says how it went.
    public static func send(_ message: Message, chatID: String, token: String, api: String, client: HTTPClient) async -> DeliveryAttempt {
        var body: [String: Any] = ["chat_id": Int64(chatID).map { $0 as Any } ?? chatID as Any, "text": message.text ?? message.attachments.map(\.name).joined(separator: ", ")]
        if let reply = message.replyToID { body["reply_parameters"] = ["message_id": reply] }
        let response: HTTPClient.Response
        do {
            response = try await client.postJSON("\(api)/bot\(token)/sendMessage", body)
        } catch {
            return .retry(after: 30, reason: "Telegram could not be reached: \(error)")
        }
        let answer = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        let description = answer["description"] as? String ?? "HTTP \(response.status)"
        if response.status == 200, answer["ok"] as? Bool == true, let result = answer["result"] as? [String: Any],
           let id = (result["message_id"] as? NSNumber)?.int64Value {
            return .sent(externalID: "\(chatID):\(id)")
        }
        if response.status == 429 {
            let wait = ((answer["parameters"] as? [String: Any])?["retry_after"] as? NSNumber)?.doubleValue ?? 5
            return .retry(after: wait, reason: description)
        }
        if response.status >= 500 { return .retry(after: 30, reason: description) }
        return .failed(reason: description)
    }
}

/// How a try to deliver an outgoing message went.
public enum DeliveryAttempt: Sendable, Equatable {
    case sent(externalID: String?)
    /// Try again after this many seconds.
    case retry(after: TimeInterval, reason: String)
    case failed(reason: String)
}
