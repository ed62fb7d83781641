import CRM
import Foundation
import Testing
@testable import Integrations

/// Mango Office's call-control commands as sent: the path, the JSON naming the call's newest leg,
/// and the signature (a hash computed with Python's hashlib for the golden case).
@Suite struct MangoOfficeCommandTests {
    func call(leg: String?, toExtension: String? = "103") -> Call {
        let state = CallState(direction: .incoming, status: .answered, toExtension: toExtension, startedAt: Date(timeIntervalSince1970: 0),
                              provider: .mango, providerCallID: "entry-1", providerLegID: leg)
        return Call(id: 1, state: state, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), createdBy: nil,
                    version: 1, deletedAt: nil)
    }

    let secrets = ["apiKey": "key-1", "webhookSecret": "salt-1"]

    @Test func routesARingingLegToAnExtensionSigned() {
        let command = MangoOfficeCommand(.answer(extension: "103"), call: call(leg: "leg-9"), settings: [:], secrets: secrets, commandID: "cmd-1")
        #expect(command.problem == nil)
        #expect(command.base == "https://app.mango-office.ru/vpbx")
        #expect(command.path == "commands/route")
        #expect(command.jsonText == #"{"call_id":"leg-9","command_id":"cmd-1","to_number":"103"}"#)
        #expect(command.form.map(\.0) == ["vpbx_api_key", "sign", "json"])
        #expect(command.form[0].1 == "key-1")
        #expect(command.form[1].1 == "e8f56841fac7977437a646d975aab356c9bc168f5ce0d769e35f2ed5f527658d")
    }

    @Test func transfersBlindFromTheExtensionOnTheCallAndHangsUp() {
        let settings: [String: Any] = ["apiBaseUrl": "http://127.0.0.1:9/vpbx/"]
        let toNumber = MangoOfficeCommand(.transfer(extension: nil, number: "+79161234567"), call: call(leg: "leg-2"), settings: settings,
                                          secrets: secrets, commandID: "c")
        #expect(toNumber.base == "http://127.0.0.1:9/vpbx")
        #expect(toNumber.path == "commands/transfer")
        #expect(toNumber.json == ["command_id": "c", "call_id": "leg-2", "method": "blind", "to_number": "79161234567", "initiator": "103"])
        let hangUp = MangoOfficeCommand(.hangUp, call: call(leg: "leg-2"), settings: settings, secrets: secrets, commandID: "c")
        #expect(hangUp.path == "commands/call/hangup")
        #expect(hangUp.json == ["command_id": "c", "call_id": "leg-2"])
    }

    @Test func needsTheKeysAndALeg() {
        #expect(MangoOfficeCommand(.hangUp, call: call(leg: "leg-1"), settings: [:], secrets: ["webhookSecret": "s"]).problem?.contains("apiKey") == true)
        #expect(MangoOfficeCommand(.hangUp, call: call(leg: nil), settings: [:], secrets: secrets).problem?.contains("leg") == true)
    }
}
