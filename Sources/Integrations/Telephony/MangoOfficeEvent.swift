import CRM
import Foundation
import Secrets

/// Mango Office VPBX's API events: form-encoded POSTs of `vpbx_api_key`, `sign` and `json` to the
/// line's URL followed by the event's path — `/events/call` for each change of a call's legs,
/// `/events/summary` once the whole call is over. `sign` is the hex SHA-256 of
/// `vpbx_api_key + json + salt`; the line's `webhookSecret` is that salt, and its `apiKey` (when
/// set) must be the key the events name. A call is keyed by its `entry_id`, which stays the same
/// while it moves through the IVR, queues and employees.
public enum MangoOfficeEvent {
    /// What an event means for us.
    public enum Meaning: Equatable, Sendable {
        case call(CallEvent)
        /// An event that carries nothing we keep (a leg on hold, DTMF, a recording notice).
        case ignored(String)
    }

    public struct Invalid: Error {
        public let reason: String
    }

    /// The event paths Mango posts to (after the line's URL): calls and summaries are read, the
    /// others acknowledged and ignored; any other path is refused.
    public static let paths = ["events/call", "events/summary", "events/recording", "events/dtmf", "events/sms", "events/callback",
                               "events/recognized_offline"]

    /// The `sign` of an event: hex SHA-256 of the API key, the JSON text and the salt.
    public static func sign(apiKey: String, json: String, salt: String) -> String {
        Encoding.hex(Digest.sha256(Array((apiKey + json + salt).utf8)))
    }

    /// Whether the form is signed with `salt` and, when `apiKey` is given, names that key.
    public static func verify(_ form: [String: String], salt: String, apiKey: String?) -> Bool {
        guard let key = form["vpbx_api_key"], let json = form["json"], let given = form["sign"] else { return false }
        if let apiKey, !Digest.constantTimeEquals(Array(apiKey.utf8), Array(key.utf8)) { return false }
        return Digest.constantTimeEquals(Array(sign(apiKey: key, json: json, salt: salt).utf8), Array(given.lowercased().utf8))
    }

    /// The meaning of a verified event posted to `path` (`events/call`, `events/summary`…).
    public static func parse(path: String, json: String) throws(Invalid) -> Meaning {
        guard paths.contains(path) else { throw Invalid(reason: "Unknown Mango Office event \(path); events are posted to …/events/call and …/events/summary.") }
        guard path == "events/call" || path == "events/summary" else { return .ignored(path) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            throw Invalid(reason: "json must be a JSON object.")
        }
        guard let entryID = object["entry_id"] as? String, !entryID.isEmpty, entryID.count <= 200 else {
            throw Invalid(reason: "entry_id must be a non-empty string of at most 200 characters.")
        }
        let from = object["from"] as? [String: Any] ?? [:]
        let to = object["to"] as? [String: Any] ?? [:]
        func text(_ party: [String: Any], _ key: String) -> String? {
            let value = (party[key] as? String) ?? (party[key] as? Int).map(String.init)
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func number(_ value: String?) -> String? {
            // Mango writes numbers internationally without the `+`; withheld ones are words or
            // empty, short ones extensions, and SIP addresses are no phone numbers either.
            guard let value, !value.allSatisfy(\.isLetter), value.count > 5, !value.contains("@") else { return nil }
            return (try? PhoneNumber(value.hasPrefix("+") ? value : "+" + value))?.e164 ?? (try? PhoneNumber(value))?.e164
        }
        func instant(_ key: String) throws(Invalid) -> Date {
            guard let seconds = (object[key] as? Int) ?? (object[key] as? String).flatMap(Int.init), seconds > 0 else {
                throw Invalid(reason: "\(key) must be a Unix time in seconds.")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        if path == "events/summary" {
            // call_direction: 1 incoming, 2 outgoing (0 internal, kept as incoming).
            let outgoing = (object["call_direction"] as? Int) == 2
            let end = try instant("end_time")
            let talk = ((object["talk_time"] as? Int) ?? 0) > 0 ? try instant("talk_time") : nil
            let answered = talk != nil || (object["entry_result"] as? Int) == 1
            let duration = talk.map { max(0, Int(end.timeIntervalSince($0).rounded())) } ?? 0
            let lineNumber = (object["line_number"] as? String) ?? text(to, "line_number")
            return .call(outgoing
                ? CallEvent(kind: .ended, provider: .mango, providerCallID: entryID, direction: .outgoing, to: number(text(to, "number")),
                            fromExtension: text(from, "extension"), userExtension: text(from, "extension"), at: end,
                            durationSeconds: duration, answered: answered)
                : CallEvent(kind: .ended, provider: .mango, providerCallID: entryID, direction: .incoming,
                            from: number(text(from, "number")), to: number(lineNumber ?? text(to, "number")),
                            userExtension: text(to, "extension"), at: end, durationSeconds: duration, answered: answered))
        }
        guard let state = object["call_state"] as? String else { throw Invalid(reason: "call_state is required.") }
        let at = try instant("timestamp")
        // An employee's extension in `from` makes the call theirs, outgoing.
        let outgoing = text(from, "extension") != nil
        let kind: CallEvent.Kind
        switch state {
        case "Appeared": kind = .ringing
        // Connected at an employee (`abonent`) is the answer; in the IVR or a queue it is not.
        case "Connected": kind = object["location"] as? String == "abonent" ? .answered : .ringing
        // A leg ends; the call ends with its summary (an employee who does not pick up is one leg).
        case "Disconnected", "OnHold": return .ignored(state)
        default: throw Invalid(reason: "Unknown call_state \(state).")
        }
        // The leg's `call_id` is what Mango's commands (route, transfer, hang up) name.
        let leg = (object["call_id"] as? String).flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
        if outgoing {
            return .call(CallEvent(kind: kind, provider: .mango, providerCallID: entryID, direction: .outgoing,
                                   to: number(text(to, "number")), fromExtension: text(from, "extension"),
                                   userExtension: text(from, "extension"), at: at, providerLegID: leg))
        }
        return .call(CallEvent(kind: kind, provider: .mango, providerCallID: entryID, direction: .incoming,
                               from: number(text(from, "number")),
                               to: number(text(to, "line_number") ?? text(to, "number")),
                               toExtension: kind == .ringing ? text(to, "extension") : nil,
                               userExtension: kind == .answered ? text(to, "extension") : nil, at: at, providerLegID: leg))
    }
}
