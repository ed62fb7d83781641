import CRM
import Foundation
import Secrets

/// Switchboard's own telephony webhook format (docs/webhooks.md): one JSON object per event,
/// signed with HMAC-SHA256 of the raw body under the line's `webhookSecret`.
///
/// ```json
/// {"event": "ringing", "callId": "pbx-7731", "direction": "incoming",
///  "from": "+7 916 123-45-67", "to": "+74950000000", "timestamp": "2026-11-29T09:30:00Z"}
/// ```
public enum GenericCallEvent {
    /// The header carrying `sha256=<hex HMAC-SHA256 of the body>`.
    public static let signatureHeader = "X-Switchboard-Signature"

    public struct Invalid: Error {
        public let reason: String
    }

    /// Whether `signature` (`sha256=<hex>`) is the body's HMAC under `secret`, compared in constant time.
    public static func verify(body: [UInt8], signature: String?, secret: String) -> Bool {
        guard let signature, signature.hasPrefix("sha256="), let given = Encoding.fromHex(String(signature.dropFirst(7))) else { return false }
        return Digest.constantTimeEquals(given, Digest.hmacSHA256(key: Array(secret.utf8), message: body))
    }

    /// The `X-Switchboard-Signature` value for a body (for senders and tests).
    public static func signature(body: [UInt8], secret: String) -> String {
        "sha256=" + Encoding.hex(Digest.hmacSHA256(key: Array(secret.utf8), message: body))
    }

    /// The body's fields, typed.
    struct Body: Decodable {
        let event: String
        let callId: String
        let direction: String?
        let from: String?
        let to: String?
        let fromExtension: String?
        let toExtension: String?
        let `extension`: String?
        let timestamp: String?
        let durationSeconds: Int?
        let answered: Bool?
        let recordingUrl: String?
        let failureReason: String?
    }

    /// The event a body describes; `now` when it carries no timestamp.
    public static func parse(_ bytes: [UInt8], now: Date) throws(Invalid) -> CallEvent {
        guard (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any] else {
            throw Invalid(reason: "The body must be a JSON object.")
        }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            throw Invalid(reason: "\(key.stringValue) is required.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw Invalid(reason: "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type.")
        } catch {
            throw Invalid(reason: "The body cannot be read: \(error).")
        }
        guard let kind = CallEvent.Kind(rawValue: body.event) else {
            throw Invalid(reason: "event must be one of \(CallEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard !body.callId.isEmpty, body.callId.count <= 200 else {
            throw Invalid(reason: "callId must be a non-empty string of at most 200 characters.")
        }
        guard let direction = Call.Direction(rawValue: body.direction ?? "incoming") else {
            throw Invalid(reason: "direction must be incoming, outgoing or internal.")
        }
        var at = now
        if let stamp = body.timestamp {
            guard let parsed = RFC3339.parse(stamp) else { throw Invalid(reason: "timestamp must be an RFC 3339 date-time.") }
            at = parsed
        }
        if let duration = body.durationSeconds, duration < 0 { throw Invalid(reason: "durationSeconds must be 0 or more.") }
        for (key, number) in [("from", body.from), ("to", body.to)] {
            // A withheld number may come as a word ("anonymous"); anything else must read as a number.
            if let number, !number.isEmpty, !number.allSatisfy(\.isLetter), (try? PhoneNumber(number)) == nil {
                throw Invalid(reason: "\(key) is not a phone number: \(number).")
            }
        }
        return CallEvent(kind: kind, provider: .generic, providerCallID: body.callId, direction: direction, from: body.from, to: body.to,
                         fromExtension: body.fromExtension, toExtension: body.toExtension, userExtension: body.extension, at: at,
                         durationSeconds: body.durationSeconds, answered: body.answered, recordingURL: body.recordingUrl,
                         failureReason: body.failureReason)
    }
}
