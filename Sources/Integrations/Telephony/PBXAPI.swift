import CRM
import Foundation

/// Call control over a PBX's HTTP API. For GENERIC lines, Switchboard's own documented API
/// (docs/webhooks.md): `POST {apiBaseUrl}/calls/{providerCallId}/answer | transfer | hangup` with
/// a JSON body and `Authorization: Bearer {apiSecret}`; any 2xx means done. For MANGO lines,
/// Mango Office's VPBX commands (``MangoOfficeCommand``). Zadarma's API has no control of a call
/// in progress: its lines are steered by the reply to `NOTIFY_START` only.
public struct PBXAPI: PBXControl {
    let client: HTTPClient

    public init(client: HTTPClient = HTTPClient(timeout: 10)) {
        self.client = client
    }

    public func perform(_ command: PBXCommand, call: Call, line: PhoneLine, settings: [String: Any], secrets: [String: String]) async -> String? {
        switch line.provider {
        case .generic: break
        case .mango: return await MangoOfficeCommand(command, call: call, settings: settings, secrets: secrets).perform(with: client)
        case .zadarma: return "Zadarma's API cannot answer, transfer or hang up a call in progress; its calls are routed when they ring."
        default: return "Call control of \(line.provider.rawValue) lines is not supported."
        }
        guard let base = HTTPClient.apiBase(settings) else {
            return "The line has no apiBaseUrl setting for its PBX's API."
        }
        let callID = call.state.providerCallID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? call.state.providerCallID
        let (action, body): (String, [String: Any]) = switch command {
        case .answer(let ext): ("answer", ["extension": ext])
        case .transfer(let ext, let number): ("transfer", ext.map { ["extension": $0] } ?? ["number": number ?? ""])
        case .hangUp: ("hangup", [:])
        }
        let headers = secrets["apiSecret"].map { [("Authorization", "Bearer \($0)")] } ?? []
        do {
            let response = try await client.postJSON("\(base)/calls/\(callID)/\(action)", body, headers: headers)
            if (200..<300).contains(response.status) { return nil }
            let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return "The PBX refused (\(response.status))" + (text.isEmpty ? "." : ": \(text.prefix(300))")
        } catch {
            return "The PBX could not be reached: \(error)"
        }
    }
}
