import CRM
import Foundation
@testable import Integrations
import Testing

/// The providers' own formats against golden values computed outside Swift (Python's hmac):
/// Zadarma's form notifications and signature, VK's Callback API messages, Viber's signed
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

    @Test func formsAreReadAndWritten() {
        #expect(ZadarmaNotification.form(Array("a=1&b=%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%21&a=2".utf8)) == ["a": "2", "b": "привет !"])
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
