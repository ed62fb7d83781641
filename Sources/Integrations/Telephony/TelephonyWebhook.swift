import CRM
import Foundation
import Secrets

/// `/hooks/telephony/{lineId}`: a PBX reports its calls. The line must exist, be live and
/// enabled; the sender proves itself with the line's `webhookSecret`; the body, in the line's
/// provider format (Switchboard's generic JSON, Zadarma's notifications or Mango Office's
/// events), becomes a
/// ``CallEvent`` for ``CallService``. A repeated delivery changes nothing and gets the same answer.
public struct TelephonyWebhook: Sendable {
    let calls: CallService
    let config: TelephonyConfigService
    let clock: any WallClock
    /// The API's global id of a record (type name, row id), for the answer.
    let globalID: @Sendable (String, Int64) -> String

    public init(calls: CallService, config: TelephonyConfigService, clock: any WallClock,
                globalID: @escaping @Sendable (String, Int64) -> String) {
        self.calls = calls
        self.config = config
        self.clock = clock
        self.globalID = globalID
    }

    /// Handles one delivery (a POST); `header` reads a request header by name (any case). `path`
    /// is what follows the line's URL, for providers that post each kind of event to its own
    /// path (Mango Office: `events/call`).
    public func handle(lineID: Int64?, path: String = "", header: (String) -> String?, body: [UInt8]) async -> WebhookReply {
        let line: PhoneLine, secret: String, apiKey: String?
        switch await receivingLine(lineID) {
        case .failure(let refusal): return refusal.reply
        case .success(let found): (line, secret, apiKey) = found
        }
        if line.provider == .mango {
            return await mango(path: path, form: FormEncoding.fields(body), line: line, salt: secret, apiKey: apiKey)
        }
        guard path.isEmpty else { return .error(404, "Events of \(line.provider.rawValue) lines are posted to the line's URL itself.") }
        switch line.provider {
        case .generic:
            guard GenericCallEvent.verify(body: body, signature: header(GenericCallEvent.signatureHeader), secret: secret) else {
                return .error(401, "The \(GenericCallEvent.signatureHeader) header does not sign this body with the line's webhookSecret.")
            }
            do {
                let event = try GenericCallEvent.parse(body, now: clock.now())
                return await store(event, line: line) { recorded in
                    .json(200, ["ok": true, "callId": globalID("Call", recorded.call.id),
                                "status": recorded.call.state.status.rawValue.uppercased(), "changed": recorded.changed])
                }
            } catch {
                return .error(400, error.reason)
            }
        case .zadarma:
            let form = FormEncoding.fields(body)
            guard ZadarmaNotification.verify(form, signature: header(ZadarmaNotification.signatureHeader), secret: secret) else {
                return .error(401, "The Signature header does not sign this notification with the line's webhookSecret (the Zadarma API secret).")
            }
            let meaning: ZadarmaNotification.Meaning
            do {
                meaning = try ZadarmaNotification.parse(form, now: clock.now())
            } catch {
                return .error(400, error.reason)
            }
            guard case .call(let event) = meaning else { return .json(200, [:]) }
            return await store(event, line: line) { recorded in
                // Zadarma follows a `redirect` in the answer to NOTIFY_START: the routed user's extension.
                guard form["event"] == "NOTIFY_START", recorded.call.state.status == .ringing, let routed = recorded.routedExtension else {
                    return .json(200, [:])
                }
                return .json(200, ["redirect": routed])
            }
        default:
            return .error(501, "Webhooks of \(line.provider.rawValue) lines are not supported yet; use the generic, Zadarma or Mango Office format.")
        }
    }

    /// A Mango Office event: signed with the salt (and naming the line's API key, when it has
    /// one); answered with an empty 200.
    private func mango(path: String, form: [String: String], line: PhoneLine, salt: String, apiKey: String?) async -> WebhookReply {
        guard !path.isEmpty else {
            return .error(404, "Mango Office posts its events to the line's URL followed by /events/call, /events/summary and the like.")
        }
        guard MangoOfficeEvent.verify(form, salt: salt, apiKey: apiKey) else {
            return .error(401, "sign does not sign this event with the line's webhookSecret (the Mango Office API salt), or vpbx_api_key is not the line's apiKey.")
        }
        let meaning: MangoOfficeEvent.Meaning
        do {
            meaning = try MangoOfficeEvent.parse(path: path, json: form["json"] ?? "")
        } catch {
            return .error(400, error.reason)
        }
        guard case .call(let event) = meaning else { return .json(200, [:]) }
        return await store(event, line: line) { _ in .json(200, [:]) }
    }

    /// `GET ?zd_echo=X`: Zadarma checks a notification URL by expecting `X` back as plain text.
    public func echo(lineID: Int64?, query: [(name: String, value: String)]) async -> WebhookReply {
        guard let echo = query.first(where: { $0.name == "zd_echo" })?.value else {
            return .error(405, "Webhooks are POSTed; a GET only answers Zadarma's zd_echo check.")
        }
        switch await receivingLine(lineID) {
        case .failure(let refusal): return refusal.reply
        case .success(let (line, _, _)):
            guard line.provider == .zadarma else { return .error(400, "zd_echo is Zadarma's check; this line is \(line.provider.rawValue).") }
            return WebhookReply(status: 200, contentType: "text/plain; charset=utf-8", body: Array(echo.utf8))
        }
    }

    /// The line a webhook names, with its webhook secret and API key (if any), or the answer that
    /// refuses the delivery.
    private func receivingLine(_ lineID: Int64?) async -> Result<(PhoneLine, String, String?), WebhookRefusal> {
        guard let lineID, let line = try? await config.store.lines(ids: [lineID]).first, line.deletedAt == nil else {
            return .failure(WebhookRefusal(.error(404, "No such phone line.")))
        }
        guard line.enabled else { return .failure(WebhookRefusal(.error(403, "The phone line is disabled."))) }
        guard let secrets = try? config.credentials(of: line), let secret = secrets["webhookSecret"], !secret.isEmpty else {
            return .failure(WebhookRefusal(.error(403, "The phone line has no webhookSecret: set one to accept its events.")))
        }
        return .success((line, secret, secrets["apiKey"].flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// Records an event and answers with `reply`, or 503 when it could not be stored.
    private func store(_ event: CallEvent, line: PhoneLine, reply: (CallService.Recorded) -> WebhookReply) async -> WebhookReply {
        do {
            return reply(try await calls.record(event, line: line))
        } catch {
            return .error(503, "The event could not be stored; deliver it again.")
        }
    }
}
