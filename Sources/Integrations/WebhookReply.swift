import Foundation

/// What a webhook endpoint answers, independent of the HTTP framework.
public struct WebhookReply: Sendable, Equatable {
    public let status: Int
    public let contentType: String
    public let body: [UInt8]

    public init(status: Int, contentType: String = "application/json; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON answer.
    static func json(_ status: Int, _ object: [String: Any]) -> WebhookReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return WebhookReply(status: status, body: Array(data))
    }

    /// A refusal with its reason: `{"error": reason}`.
    static func error(_ status: Int, _ reason: String) -> WebhookReply {
        json(status, ["error": reason])
    }
}
