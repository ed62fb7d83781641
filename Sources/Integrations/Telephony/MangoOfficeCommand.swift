import CRM
import Foundation
import Secrets

/// A call-control command in Mango Office's VPBX API: a form POST of `vpbx_api_key`, `sign` and
/// `json` to `{apiBaseUrl}/commands/…` (by default `https://app.mango-office.ru/vpbx`), signed
/// like its events — hex SHA-256 of key, JSON and salt — with the line's `apiKey` and
/// `webhookSecret` (the API salt). Commands name the call's newest leg (its `call_id`):
/// answering on an extension is `commands/route`, a transfer `commands/transfer` (blind, from
/// the extension on the call), hanging up `commands/call/hangup`. Mango answers
/// `{"result": 1000}` when it did it.
struct MangoOfficeCommand {
    static let defaultBase = "https://app.mango-office.ru/vpbx"
    /// The code Mango gives a command it carried out.
    static let done = 1000

    let path: String
    let json: [String: String]
    let base: String
    let apiKey: String?
    let salt: String?
    /// Why the command cannot be sent, if it cannot.
    let problem: String?

    init(_ command: PBXCommand, call: Call, settings: [String: Any], secrets: [String: String], commandID: String = UUID().uuidString) {
        base = HTTPClient.apiBase(settings) ?? Self.defaultBase
        apiKey = secrets["apiKey"].flatMap { $0.isEmpty ? nil : $0 }
        salt = secrets["webhookSecret"].flatMap { $0.isEmpty ? nil : $0 }
        let leg = call.state.providerLegID ?? ""
        var json = ["command_id": commandID, "call_id": leg]
        switch command {
        case .answer(let ext):
            path = "commands/route"
            json["to_number"] = ext
        case .transfer(let ext, let number):
            path = "commands/transfer"
            json["method"] = "blind"
            // Mango writes numbers without the `+`.
            json["to_number"] = ext ?? String((number ?? "").drop { $0 == "+" })
            json["initiator"] = call.state.direction == .incoming ? call.state.toExtension ?? "" : call.state.fromExtension ?? ""
        case .hangUp:
            path = "commands/call/hangup"
        }
        self.json = json
        problem = if apiKey == nil || salt == nil {
            "The line needs its Mango Office apiKey and webhookSecret (the API salt) for call control."
        } else if leg.isEmpty {
            "Mango Office has not named this call's leg yet (its events/call carry it); try again in a moment."
        } else {
            nil
        }
    }

    /// The JSON text sent: keys in a fixed order, so the signature is reproducible.
    var jsonText: String {
        let data = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The form's fields, signed.
    var form: [(String, String)] {
        let text = jsonText
        return [("vpbx_api_key", apiKey ?? ""), ("sign", MangoOfficeEvent.sign(apiKey: apiKey ?? "", json: text, salt: salt ?? "")),
                ("json", text)]
    }

    /// Sends the command; nil when Mango carried it out, else why not.
    func perform(with client: HTTPClient) async -> String? {
        if let problem { return problem }
        do {
            let response = try await client.postForm("\(base)/\(path)", form)
            let answer = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
            let result = (answer?["result"] as? Int) ?? (answer?["result"] as? String).flatMap(Int.init)
            if (200..<300).contains(response.status), result == Self.done { return nil }
            let message = (answer?["message"] as? String).map { ": \($0)" } ?? ""
            return "Mango Office refused (HTTP \(response.status), result \(result.map(String.init) ?? "none"))\(message)."
        } catch {
            return "Mango Office could not be reached: \(error)"
        }
    }
}
