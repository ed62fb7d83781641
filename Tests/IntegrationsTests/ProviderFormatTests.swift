import CRM
import Foundation
@testable import Integrations
import Testing

/// The providers' own formats against golden values computed outside Swift (Python's hmac):
/// Zadarma's form notifications and signature, Mango Office's signed events, VK's Callback API messages, Viber's signed
/// callbacks and receipts, and form encoding both ways.
@Suite struct ProviderFormatTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let start: [String: String] = ["event": "NOTIFY_START", "call_start": "2026-11-29 09:30:00", "pbx_call_id": "in_1f0c",
                                          "caller_id": "79161234567", "called_did": "74950000000"]

    @Test func zadarmaSignsTheHexDigestInBase64() {
        #expect(ZadarmaNotification.signature(Self.start, secret: "secret123") == "M2MzYzE0OWZkMWJlYTU1MmUyODc3NjcwMGYyYjAyYTc4NzdiMWU0NA==")
        #expect(ZadarmaNotification.verify(Self.start, signature: "M2MzYzE0OWZkMWJlYTU1MmUyODc3NjcwMGYyYjAyYTc4NzdiMWU0NA==", secret: "secret123"))
        #expect(!ZadarmaNotification.verify(Self.start, signature: "M2MzYzE0OWZkMWJlYTU1MmUyODc3NjcwMGYyYjAyYTc4NzdiMWU0NA==", secret: "other"))
        var changed = Self.start
        changed["caller_id"] = "79990000000"
        #expect(!ZadarmaNotification.verify(changed, signature: ZadarmaNotification.signature(Self.start, secret: "secret123"), secret: "secret123"))
        #expect(!ZadarmaNotification.verify(["event": "NOTIFY_UNKNOWN"], signature: "x", secret: "secret123"))
        #expect(!ZadarmaNotification.verify(Self.start, signature: nil, secret: "secret123"))
    }

    @Test func zadarmaNotificationsBecomeCallEvents() throws {
        guard case .call(let ringing) = try ZadarmaNotification.parse(Self.start, now: Self.now) else { Issue.record("not a call"); return }
        #expect((ringing.kind, ringing.direction, ringing.providerCallID, ringing.from, ringing.to) ==
                (.ringing, .incoming, "in_1f0c", "+79161234567", "+74950000000"))
        #expect(ringing.at == Self.now && ringing.provider == .zadarma)
        var end = Self.start
        end["event"] = "NOTIFY_END"
        end["duration"] = "42"
        end["disposition"] = "busy"
        end["internal"] = "103"
        guard case .call(let ended) = try ZadarmaNotification.parse(end, now: Self.now) else { Issue.record("not a call"); return }
        #expect((ended.kind, ended.durationSeconds, ended.answered, ended.userExtension) == (.ended, 42, false, "103"))
        let out: [String: String] = ["event": "NOTIFY_OUT_START", "pbx_call_id": "out_1", "internal": "104", "destination": "442079460958",
                                     "call_start": "2026-11-29 09:30:00"]
        guard case .call(let outgoing) = try ZadarmaNotification.parse(out, now: Self.now) else { Issue.record("not a call"); return }
        #expect((outgoing.direction, outgoing.to, outgoing.fromExtension) == (.outgoing, "+442079460958", "104"))
        #expect(try ZadarmaNotification.parse(["event": "NOTIFY_RECORD", "pbx_call_id": "in_1f0c", "call_id_with_rec": "1.2"], now: Self.now)
                == .ignored("NOTIFY_RECORD"))
        #expect(throws: ZadarmaNotification.Invalid.self) { try ZadarmaNotification.parse(["event": "NOTIFY_START"], now: Self.now) }
        var withheld = Self.start
        withheld["caller_id"] = "anonymous"
        guard case .call(let anonymous) = try ZadarmaNotification.parse(withheld, now: Self.now) else { Issue.record("not a call"); return }
        #expect(anonymous.from == nil)
    }

    static let mangoAppeared = #"{"entry_id":"MjU1NTQ1OTc5Mg==","call_id":"MToxMDE1NTQ5Mjo0Mjc6MjY0ODQ3NTcw","timestamp":1764409800,"seq":1,"call_state":"Appeared","location":"ivr","from":{"number":"79161234567"},"to":{"number":"74950000000","line_number":"74950000000"}}"#

    @Test func mangoOfficeSignsKeyJSONAndSalt() {
        let form = ["vpbx_api_key": "4a5c1d", "json": Self.mangoAppeared, "sign": "d8b61beff73df4476be534c5d1e161117e9a7440e75a4193d0f012c4d417f58e"]
        #expect(MangoOfficeEvent.sign(apiKey: "4a5c1d", json: Self.mangoAppeared, salt: "pepper") == form["sign"])
        #expect(MangoOfficeEvent.verify(form, salt: "pepper", apiKey: nil))
        #expect(MangoOfficeEvent.verify(form, salt: "pepper", apiKey: "4a5c1d"))
        #expect(!MangoOfficeEvent.verify(form, salt: "pepper", apiKey: "another key"))
        #expect(!MangoOfficeEvent.verify(form, salt: "salt", apiKey: nil))
        var changed = form
        changed["json"] = Self.mangoAppeared.replacingOccurrences(of: "79161234567", with: "79990000000")
        #expect(!MangoOfficeEvent.verify(changed, salt: "pepper", apiKey: nil))
        #expect(!MangoOfficeEvent.verify(["json": Self.mangoAppeared], salt: "pepper", apiKey: nil))
    }

    @Test func mangoOfficeEventsBecomeCallEvents() throws {
        guard case .call(let ringing) = try MangoOfficeEvent.parse(path: "events/call", json: Self.mangoAppeared) else { Issue.record("not a call"); return }
        #expect((ringing.kind, ringing.direction, ringing.providerCallID, ringing.from, ringing.to, ringing.provider) ==
                (.ringing, .incoming, "MjU1NTQ1OTc5Mg==", "+79161234567", "+74950000000", .mango))
        #expect(ringing.at == Date(timeIntervalSince1970: 1_764_409_800))
        // Connected in the IVR is no answer; at an employee it is, with their extension.
        let ivr = Self.mangoAppeared.replacingOccurrences(of: "Appeared", with: "Connected")
        guard case .call(let stillRinging) = try MangoOfficeEvent.parse(path: "events/call", json: ivr) else { Issue.record("not a call"); return }
        #expect(stillRinging.kind == .ringing)
        let picked = #"{"entry_id":"MjU1NTQ1OTc5Mg==","timestamp":1764409812,"seq":4,"call_state":"Connected","location":"abonent","from":{"number":"79161234567"},"to":{"extension":"103","line_number":"74950000000","number":"sip:victoria@vpbx.mangosip.ru"}}"#
        guard case .call(let answered) = try MangoOfficeEvent.parse(path: "events/call", json: picked) else { Issue.record("not a call"); return }
        #expect((answered.kind, answered.userExtension, answered.to) == (.answered, "103", "+74950000000"))
        // A leg that ends is not the call's end; the summary is.
        #expect(try MangoOfficeEvent.parse(path: "events/call", json: picked.replacingOccurrences(of: "Connected", with: "Disconnected"))
                == .ignored("Disconnected"))
        let summary = #"{"entry_id":"MjU1NTQ1OTc5Mg==","call_direction":1,"from":{"number":"79161234567"},"to":{"extension":"103"},"line_number":"74950000000","create_time":1764409800,"forward_time":1764409805,"talk_time":1764409812,"end_time":1764409854,"entry_result":1,"disconnect_reason":1110}"#
        guard case .call(let ended) = try MangoOfficeEvent.parse(path: "events/summary", json: summary) else { Issue.record("not a call"); return }
        #expect((ended.kind, ended.durationSeconds, ended.answered, ended.userExtension, ended.to) == (.ended, 42, true, "103", "+74950000000"))
        let unanswered = summary.replacingOccurrences(of: #""talk_time":1764409812"#, with: #""talk_time":0"#)
            .replacingOccurrences(of: #""entry_result":1"#, with: #""entry_result":0"#)
        guard case .call(let missed) = try MangoOfficeEvent.parse(path: "events/summary", json: unanswered) else { Issue.record("not a call"); return }
        #expect((missed.durationSeconds, missed.answered) == (0, false))
        let outgoing = #"{"entry_id":"b3V0","timestamp":1764409900,"seq":1,"call_state":"Appeared","location":"abonent","from":{"extension":"104","number":"sip:grigory@vpbx.mangosip.ru"},"to":{"number":"442079460958"}}"#
        guard case .call(let out) = try MangoOfficeEvent.parse(path: "events/call", json: outgoing) else { Issue.record("not a call"); return }
        #expect((out.direction, out.to, out.fromExtension) == (.outgoing, "+442079460958", "104"))
        #expect(try MangoOfficeEvent.parse(path: "events/recording", json: "{}") == .ignored("events/recording"))
        #expect(throws: MangoOfficeEvent.Invalid.self) { try MangoOfficeEvent.parse(path: "events/call", json: #"{"call_state":"Appeared"}"#) }
        #expect(throws: MangoOfficeEvent.Invalid.self) { try MangoOfficeEvent.parse(path: "events/nonsense", json: Self.mangoAppeared) }
        #expect(throws: MangoOfficeEvent.Invalid.self) { try MangoOfficeEvent.parse(path: "events/call", json: "[1]") }
    }

    @Test func formsAreReadAndWritten() {
        #expect(FormEncoding.fields(Array("a=1&b=%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%21&a=2".utf8)) == ["a": "2", "b": "привет !"])
        #expect(FormEncoding.encode([("message", "Да, по всей России & 100%"), ("v", "5.199")])
                == "message=%D0%94%D0%B0%2C%20%D0%BF%D0%BE%20%D0%B2%D1%81%D0%B5%D0%B9%20%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D0%B8%20%26%20100%25&v=5.199")
        let pairs = FormEncoding.parse(FormEncoding.encode([("k", "a+b=c&d ё")]))
        #expect(pairs.count == 1 && pairs[0].name == "k" && pairs[0].value == "a+b=c&d ё")
    }

    @Test func vkMessagesOfBothAPIVersions() {
        let current: [String: Any] = ["message": ["id": 11, "date": 1_800_000_000, "peer_id": 51_234_567, "from_id": 51_234_567, "text": "Привет",
                                                  "attachments": [["type": "doc", "doc": ["title": "счёт.pdf", "size": 1200, "url": "https://vk.example/d"]]]],
                                      "client_info": ["keyboard": true]]
        let message = VKCallbackAPI.incoming(current, accountID: 4)
        #expect(message?.conversationID == "51234567" && message?.externalID == "51234567:11" && message?.party.handle == "id51234567")
        #expect(message?.text == "Привет" && message?.attachments.map(\.name) == ["счёт.pdf"] && message?.messenger == "vk")
        let older: [String: Any] = ["id": 12, "peer_id": 2_000_000_001, "from_id": 777, "text": "в беседе"]
        let chat = VKCallbackAPI.incoming(older, accountID: 4)
        #expect(chat?.conversationID == "2000000001" && chat?.party.handle == "id777" && chat?.externalID == "2000000001:12")
        #expect(VKCallbackAPI.incoming(["nothing": true], accountID: 4) == nil)
    }

    @Test func viberCallbacksAreSignedAndRead() {
        let body = Array(#"{"event":"message"}"#.utf8)
        #expect(ViberBot.signature(body: body, token: "viber-token") == "8662db274ace2789eb542df80a014f1e35af127ee96dbf695bb7cef5eba3e930")
        #expect(ViberBot.verify(body: body, signature: "8662db274ace2789eb542df80a014f1e35af127ee96dbf695bb7cef5eba3e930", token: "viber-token"))
        #expect(!ViberBot.verify(body: body, signature: "8662db274ace2789eb542df80a014f1e35af127ee96dbf695bb7cef5eba3e931", token: "viber-token"))
        #expect(!ViberBot.verify(body: body, signature: nil, token: "viber-token"))
        let message: [String: Any] = ["event": "message", "timestamp": 1_800_000_000_000, "message_token": 4_912_661_846_655_238_145 as Int64,
                                      "sender": ["id": "01234567890A=", "name": "Пётр"],
                                      "message": ["type": "contact", "contact": ["name": "Пётр", "phone_number": "+79161234567"]]]
        guard case .message(let incoming)? = ViberBot.callback(message, accountID: 2) else { Issue.record("not a message"); return }
        #expect(incoming.externalID == "01234567890A=:4912661846655238145" && incoming.text == "+79161234567")
        #expect(incoming.party.phone == "+79161234567" && incoming.sentAt == Self.now)
        guard case .receipt(let id, let status, nil)? = ViberBot.callback(["event": "seen", "message_token": 5, "user_id": "u="], accountID: 2) else {
            Issue.record("not a receipt"); return
        }
        #expect(id == "u=:5" && status == .read)
        guard case .acknowledged? = ViberBot.callback(["event": "subscribed", "user": ["id": "u="]], accountID: 2) else { Issue.record("not acknowledged"); return }
        #expect(ViberBot.callback(["no": "event"], accountID: 2) == nil)
    }
}
