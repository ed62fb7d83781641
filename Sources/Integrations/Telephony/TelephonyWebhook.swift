import CRM
import Foundation
import Secrets

/// `POST /hooks/telephony/{lineId}`: a PBX reports its calls. The line must exist, be live and
/// enabled; the sender proves itself with the line's `webhookSecret`; the body, in the line's
/// provider format, becomes a ``CallEvent`` for ``CallService``. A repeated delivery changes
/// nothing and gets the same answer.
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

    /// Handles one delivery; `header` reads a request header by name (any case).
    public func handle(lineID: Int64?, header: (String) -> String?, body: [UInt8]) async -> WebhookReply {
        guard let lineID, let line = try? await config.store.lines(ids: [lineID]).first, line.deletedAt == nil else {
            return .error(404, "No such phone line.")
        }
        guard line.enabled else { return .error(403, "The phone line is disabled.") }
        guard let secrets = try? config.credentials(of: line), let secret = secrets["webhookSecret"], !secret.isEmpty else {
            return .error(403, "The phone line has no webhookSecret: set one to accept its events.")
        }
        switch line.provider {
        case .generic:
            guard GenericCallEvent.verify(body: body, signature: header(GenericCallEvent.signatureHeader), secret: secret) else {
                return .error(401, "The \(GenericCallEvent.signatureHeader) header does not sign this body with the line's webhookSecret.")
            }
            let event: CallEvent
            do {
                event = try GenericCallEvent.parse(body, now: clock.now())
            } catch {
                return .error(400, error.reason)
            }
            do {
                let recorded = try await calls.record(event, line: line)
                return .json(200, ["ok": true, "callId": globalID("Call", recorded.call.id), "status": recorded.call.state.status.rawValue.uppercased(),
                                   "changed": recorded.changed])
            } catch {
                return .error(503, "The event could not be stored; deliver it again.")
            }
        default:
            return .error(501, "Webhooks of \(line.provider.rawValue) lines are not supported yet; use the generic format.")
        }
    }
}
