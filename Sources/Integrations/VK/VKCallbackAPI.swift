import CRM
import Foundation

/// VK's Callback API for a community (group) bot: events arrive as JSON `{type, object, group_id,
/// event_id, secret}`; `confirmation` is answered with the community's confirmation string and every
/// other event with the plain text `ok`. Answers go out with `messages.send`, whose `random_id` is
/// derived from our message id so that VK drops a repeated try.
public enum VKCallbackAPI {
    /// Where VK's API is unless an account's `apiBaseUrl` says otherwise.
    public static let defaultAPI = "https://api.vk.com"
    public static let defaultVersion = "5.199"
    /// Peer ids from this one up are group chats.
    static let groupChatPeers: Int64 = 2_000_000_000

    /// The incoming message of a `message_new` object (API 5.103 and later wrap it in `message`;
    /// older versions send the message itself), or nil when it carries none.
    public static func incoming(_ object: [String: Any], accountID: Int64) -> IncomingMessage? {
        let message = object["message"] as? [String: Any] ?? object
        guard let peer = (message["peer_id"] as? NSNumber)?.int64Value ?? (message["user_id"] as? NSNumber)?.int64Value,
              let id = (message["id"] as? NSNumber)?.int64Value ?? (message["conversation_message_id"] as? NSNumber)?.int64Value else { return nil }
        let from = (message["from_id"] as? NSNumber)?.int64Value ?? peer
        var attachments: [MessageAttachment] = []
        for attachment in message["attachments"] as? [[String: Any]] ?? [] {
            guard let type = attachment["type"] as? String, let body = attachment[type] as? [String: Any] else { continue }
            switch type {
            case "photo":
                let sizes = body["sizes"] as? [[String: Any]] ?? []
                attachments.append(MessageAttachment(kind: .image, name: "photo.jpg", contentType: "image/jpeg", size: nil,
                                                     sourceURL: sizes.last?["url"] as? String))
            case "doc":
                attachments.append(MessageAttachment(kind: .document, name: body["title"] as? String ?? "document",
                                                     contentType: "application/octet-stream", size: (body["size"] as? NSNumber)?.intValue,
                                                     sourceURL: body["url"] as? String))
            default:
                continue
            }
        }
        let text = (message["text"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let sent = (message["date"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) } ?? Date()
        return IncomingMessage(accountID: accountID, conversationID: String(peer),
                               party: DialogueParty(handle: "id\(from)"), messenger: "vk",
                               externalID: "\(peer):\(id)", text: text, attachments: attachments, sentAt: sent)
    }

    /// The `random_id` of a message's `messages.send`: the same for every try of one message.
    static func randomID(of message: Message) -> Int64 {
        message.id % Int64(Int32.max)
    }

    /// Sends a message's text to its peer with `messages.send`.
    public static func send(_ message: Message, peerID: String, token: String, api: String, version: String,
                            client: HTTPClient) async -> DeliveryAttempt {
        let text = message.text ?? message.attachments.map(\.name).joined(separator: ", ")
        let response: HTTPClient.Response
        do {
            response = try await client.postForm("\(api)/method/messages.send", [
                ("access_token", token), ("v", version), ("peer_id", peerID), ("message", text), ("random_id", String(randomID(of: message))),
            ])
        } catch {
            return .retry(after: 30, reason: "VK could not be reached: \(error)")
        }
        let answer = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        if let id = (answer["response"] as? NSNumber)?.int64Value {
            return .sent(externalID: "\(peerID):\(id)")
        }
        guard let error = answer["error"] as? [String: Any] else {
            return response.status >= 500 ? .retry(after: 30, reason: "VK answered HTTP \(response.status).")
                                          : .failed(reason: "VK answered HTTP \(response.status) without a result.")
        }
        let code = (error["error_code"] as? NSNumber)?.intValue ?? 0
        let reason = "VK error \(code): \(error["error_msg"] as? String ?? "unknown")"
        switch code {
        case 6, 9, 10: return .retry(after: code == 9 ? 60 : 2, reason: reason) // too many requests, flood control, VK's own error
        default: return .failed(reason: reason)
        }
    }
}
