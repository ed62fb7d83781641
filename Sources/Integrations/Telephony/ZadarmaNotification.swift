import CRM
import Foundation
import Secrets

/// Zadarma's PBX notifications: form-encoded POSTs named by `event` (`NOTIFY_START`, `NOTIFY_ANSWER`,
/// `NOTIFY_END`…), each signed in the `Signature` header with the account's API secret (the line's
/// `webhookSecret`) over a few of its fields. Zadarma checks the URL first with `GET ?zd_echo=X`,
/// which must answer `X`.
public enum ZadarmaNotification {
    public static let signatureHeader = "Signature"

    /// What a notification means for us.
    public enum Meaning: Equatable, Sendable {
        case call(CallEvent)
        /// An event that carries nothing we keep (IVR steps, recording notices); acknowledged.
        case ignored(String)
    }

    public struct Invalid: Error {
        public let reason: String
    }

    /// The fields each event's signature covers, concatenated in this order.
    static func signedFields(of event: String) -> [String]? {
        switch event {
        case "NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_END", "NOTIFY_IVR": ["caller_id", "called_did", "call_start"]
        case "NOTIFY_ANSWER": ["caller_id", "destination", "call_start"]
        case "NOTIFY_OUT_START", "NOTIFY_OUT_END": ["internal", "destination", "call_start"]
        case "NOTIFY_RECORD": ["pbx_call_id", "call_id_with_rec"]
        default: nil
        }
    }

    /// The `Signature` value for a notification: base64 of the lowercase hex HMAC-SHA1 of the signed
    /// fields, as Zadarma's own examples compute it (PHP's `base64_encode(hash_hmac('sha1', …))`).
    public static func signature(_ form: [String: String], secret: String) -> String? {
        guard let event = form["event"], let fields = signedFields(of: event) else { return nil }
        let data = fields.map { form[$0] ?? "" }.joined()
        let hex = Encoding.hex(Digest.hmacSHA1(key: Array(secret.utf8), message: Array(data.utf8)))
        return Data(hex.utf8).base64EncodedString()
    }

    /// Whether `given` signs the notification; the base64 of the raw digest is accepted too, since
    /// integrations written in other languages send that.
    public static func verify(_ form: [String: String], signature given: String?, secret: String) -> Bool {
        guard let given, let event = form["event"], let fields = signedFields(of: event) else { return false }
        let digest = Digest.hmacSHA1(key: Array(secret.utf8), message: Array(fields.map { form[$0] ?? "" }.joined().utf8))
        let candidates = [Array(Encoding.hex(digest).utf8), digest].map { Array(Data($0).base64EncodedString().utf8) }
        return candidates.contains { Digest.constantTimeEquals($0, Array(given.utf8)) }
    }

    /// The meaning of a verified notification, received at `now` (Zadarma's `call_start` is in the
    /// account's own time zone, so the receipt time is the event's time).
    public static func parse(_ form: [String: String], now: Date) throws(Invalid) -> Meaning {
        guard let event = form["event"] else { throw Invalid(reason: "event is required.") }
        guard signedFields(of: event) != nil else { throw Invalid(reason: "Unknown Zadarma event \(event).") }
        if event == "NOTIFY_IVR" || event == "NOTIFY_RECORD" { return .ignored(event) }
        guard let callID = form["pbx_call_id"], !callID.isEmpty, callID.count <= 200 else {
            throw Invalid(reason: "pbx_call_id must be a non-empty string of at most 200 characters.")
        }
        func number(_ key: String) throws(Invalid) -> String? {
            guard let value = form[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            // Withheld numbers come as words ("anonymous"); short ones are extensions, not numbers.
            if value.allSatisfy(\.isLetter) || value.count <= 5 { return nil }
            // Zadarma writes numbers internationally without the `+`.
            if let parsed = try? PhoneNumber(value.hasPrefix("+") ? value : "+" + value) { return parsed.e164 }
            if let parsed = try? PhoneNumber(value) { return parsed.e164 }
            throw Invalid(reason: "\(key) is not a phone number: \(value).")
        }
        func extensionNumber(_ key: String) -> String? {
            guard let value = form[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty, value.count <= 5,
                  value.allSatisfy(\.isNumber) else { return nil }
            return value
        }
        let duration = form["duration"].flatMap(Int.init)
        if let duration, duration < 0 { throw Invalid(reason: "duration must be 0 or more.") }
        let answered = form["disposition"].map { $0 == "answered" }
        switch event {
        case "NOTIFY_START", "NOTIFY_INTERNAL":
            return .call(CallEvent(kind: .ringing, provider: .zadarma, providerCallID: callID, direction: .incoming,
                                   from: try number("caller_id"), to: try number("called_did"), toExtension: extensionNumber("internal"), at: now))
        case "NOTIFY_ANSWER":
            return .call(CallEvent(kind: .answered, provider: .zadarma, providerCallID: callID, direction: .incoming,
                                   from: try number("caller_id"), to: try number("called_did"),
                                   userExtension: extensionNumber("internal") ?? extensionNumber("destination"), at: now))
        case "NOTIFY_END":
            return .call(CallEvent(kind: .ended, provider: .zadarma, providerCallID: callID, direction: .incoming,
                                   from: try number("caller_id"), to: try number("called_did"), userExtension: extensionNumber("internal"),
                                   at: now, durationSeconds: duration, answered: answered))
        case "NOTIFY_OUT_START":
            return .call(CallEvent(kind: .ringing, provider: .zadarma, providerCallID: callID, direction: .outgoing,
                                   to: try number("destination"), fromExtension: extensionNumber("internal"),
                                   userExtension: extensionNumber("internal"), at: now))
        default: // NOTIFY_OUT_END
            return .call(CallEvent(kind: .ended, provider: .zadarma, providerCallID: callID, direction: .outgoing,
                                   to: try number("destination"), fromExtension: extensionNumber("internal"),
                                   userExtension: extensionNumber("internal"), at: now, durationSeconds: duration, answered: answered))
        }
    }
}
