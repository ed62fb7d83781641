import CRM
import Foundation
@testable import Integrations
import Testing

/// The generic telephony webhook: bodies signed with the line's secret, read into call events,
/// bad ones refused with a reason.
@Suite struct GenericCallEventTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func signaturesAreHMACsOfTheRawBody() {
        let body = Array(#"{"event":"ringing","callId":"1"}"#.utf8)
        let signature = GenericCallEvent.signature(body: body, secret: "s3cret")
        #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64)
        #expect(GenericCallEvent.verify(body: body, signature: signature, secret: "s3cret"))
        #expect(!GenericCallEvent.verify(body: body, signature: signature, secret: "other"))
        #expect(!GenericCallEvent.verify(body: body + [0x20], signature: signature, secret: "s3cret"))
        #expect(!GenericCallEvent.verify(body: body, signature: nil, secret: "s3cret"))
        #expect(!GenericCallEvent.verify(body: body, signature: String(signature.dropFirst(7)), secret: "s3cret"))
    }

    @Test func readsEveryField() throws {
        let event = try GenericCallEvent.parse(Array("""
            {"event":"ended","callId":"pbx-7","direction":"outgoing","from":"+74950000000","to":"8 916 123 45 67",
             "fromExtension":"101","extension":"101","timestamp":"2026-11-29T09:30:00Z","durationSeconds":42,"answered":true,
             "recordingUrl":"https://pbx.example/r.mp3"}
            """.utf8), now: Self.now)
        #expect(event.kind == .ended && event.providerCallID == "pbx-7" && event.direction == .outgoing)
        #expect(event.to == "8 916 123 45 67" && event.userExtension == "101" && event.durationSeconds == 42 && event.answered == true)
        #expect(event.at == RFC3339.parse("2026-11-29T09:30:00Z") && event.recordingURL == "https://pbx.example/r.mp3")
        let minimal = try GenericCallEvent.parse(Array(#"{"event":"ringing","callId":"x","from":"anonymous"}"#.utf8), now: Self.now)
        #expect(minimal.direction == .incoming && minimal.at == Self.now && minimal.from == "anonymous")
    }

    @Test func refusesBadBodiesWithAReason() {
        func reason(_ text: String) -> String? {
            do { _ = try GenericCallEvent.parse(Array(text.utf8), now: Self.now); return nil } catch { return error.reason }
        }
        #expect(reason("[1]") == "The body must be a JSON object.")
        #expect(reason("not json") == "The body must be a JSON object.")
        #expect(reason(#"{"callId":"1"}"#) == "event is required.")
        #expect(reason(#"{"event":"hold","callId":"1"}"#)?.hasPrefix("event must be one of") == true)
        #expect(reason(#"{"event":"ringing","callId":""}"#)?.hasPrefix("callId must be") == true)
        #expect(reason(#"{"event":"ringing","callId":"1","direction":"sideways"}"#) == "direction must be incoming, outgoing or internal.")
        #expect(reason(#"{"event":"ended","callId":"1","durationSeconds":"12"}"#) == "durationSeconds has the wrong type.")
        #expect(reason(#"{"event":"ended","callId":"1","durationSeconds":-1}"#) == "durationSeconds must be 0 or more.")
        #expect(reason(#"{"event":"ringing","callId":"1","timestamp":"yesterday"}"#) == "timestamp must be an RFC 3339 date-time.")
        #expect(reason(#"{"event":"ringing","callId":"1","from":"12ab"}"#)?.hasPrefix("from is not a phone number") == true)
    }
}
