import CRM
import Foundation
import Secrets

/// Viber's REST bot API: callbacks signed with `X-Viber-Content-Signature` (hex HMAC-SHA256 of the
/// body under the bot's auth token) bring messages and receipts; answers go out with
/// `send_message`. A user's Viber id is the conversation; `user:message_token` a message's id.
public enum ViberBot {
    public static let signatureHeader = "X-Viber-Content-Signature"
    public static let defaultAPI = "https://chatapi.viber.com"

    public static func verify(body: [UInt8], signature: String?, token: String) -> Bool {
        guard let signature, let given = Encoding.fromHex(signature) else { return false }
        return Digest.constantTimeEquals(given, Digest.hmacSHA256(key: Array(token.utf8), message: body))
    }

    /// The `X-Viber-Content-Signature` of a body (for senders and tests).
    public static func signature(body: [UInt8], token: String) -> String {
        Encoding.hex(Digest.hmacSHA256(key: Array(token.utf8), message: body))
    }

    /// What a callback means for us.
    public enum Callback {
        case message(IncomingMessage)
        /// A receipt for one of our messages: its id at Viber, and the status it reached.
        case receipt(externalID: String, status: Message.Delivery, reason: String?)
        /// Webhook set-up, subscriptions, conversation starts: acknowledged, nothing kept.
        case acknowledged
    }

    public static func callback(_ body: [String: Any], accountID: Int64) -> Callback? {
        guard let event = body["event"] as? String else { return nil }
        let token = (body["message_token"] as? NSNumber)?.stringValue ?? body["message_token"] as? String
        switch event {
        case "message":
            guard let sender = body["sender"] as? [String: Any], let user = sender["id"] as? String,
                  let message = body["message"] as? [String: Any], let token else { return nil }
            var text = message["text"] as? String
            var attachments: [MessageAttachment] = []
            let media = message["media"] as? String
            switch message["type"] as? String {
            case "picture":
                attachments.append(MessageAttachment(kind: .image, name: message["file_name"] as? String ?? "picture.jpg",
                                                     contentType: "image/jpeg", size: (message["size"] as? NSNumber)?.intValue, sourceURL: media))
            case "file", "video":
                attachments.append(MessageAttachment(kind: .document, name: message["file_name"] as? String ?? "file",
                                                     contentType: "application/octet-stream", size: (message["size"] as? NSNumber)?.intValue,
                                                     sourceURL: media))
            case "contact":
                let contact = message["contact"] as? [String: Any]
                text = text ?? contact?["phone_number"] as? String
            case "location":
                if let location = message["location"] as? [String: Any], let lat = location["lat"], let lon = location["lon"] {
                    text = text ?? "\(lat), \(lon)"
                }
            default:
                break
            }
            let phone = (message["contact"] as? [String: Any])?["phone_number"] as? String
            let sent = (body["timestamp"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) } ?? Date()
            return .message(IncomingMessage(accountID: accountID, conversationID: user,
                                            party: DialogueParty(name: sender["name"] as? String, handle: user, phone: phone),
                                            messenger: "viber", externalID: "\(user):\(token)", text: text, attachments: attachments, sentAt: sent))
        case "delivered", "seen", "failed":
            guard let user = body["user_id"] as? String, let token else { return nil }
            let status: Message.Delivery = event == "delivered" ? .delivered : event == "seen" ? .read : .failed
            return .receipt(externalID: "\(user):\(token)", status: status, reason: event == "failed" ? body["desc"] as? String ?? "Viber could not deliver it." : nil)
        default:
            return .acknowledged
        }
    }

    /// Sends a message's text to a Viber user with `send_message`.
    public static func send(_ message: Message, receiver: String, senderName: String, token: String, api: String,
                            client: HTTPClient) async -> DeliveryAttempt {
        let body: [String: Any] = [
            "receiver": receiver, "type": "text", "text": message.text ?? message.attachments.map(\.name).joined(separator: ", "),
            "sender": ["name": String(senderName.prefix(28))],
        ]
        let response: HTTPClient.Response
        do {
            response = try await client.postJSON("\(api)/pa/send_message", body, headers: [("X-Viber-Auth-Token", token)])
        } catch {
            return .retry(after: 30, reason: "Viber could not be reached: \(error)")
        }
        if response.status >= 500 { return .retry(after: 30, reason: "Viber answered HTTP \(response.status).") }
        let answer = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        let status = (answer["status"] as? NSNumber)?.intValue ?? -1
        let reason = "Viber status \(status): \(answer["status_message"] as? String ?? "HTTP \(response.status)")"
        switch status {
        case 0:
            let sent = (answer["message_token"] as? NSNumber)?.stringValue ?? answer["message_token"] as? String
            return .sent(externalID: sent.map { "\(receiver):\($0)" })
        case 5, 6: return .failed(reason: reason + " — the user has not subscribed to the bot, so it cannot write to them.")
        case 12: return .retry(after: 5, reason: reason) // too many requests
        default: return .failed(reason: reason)
        }
    }
}
