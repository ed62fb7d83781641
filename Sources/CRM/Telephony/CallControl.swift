import Foundation
import Secrets

/// What the console asks a PBX to do with a call.
public enum PBXCommand: Sendable, Equatable {
    case answer(extension: String)
    /// To an extension or an outside number (E.164).
    case transfer(extension: String?, number: String?)
    case hangUp
}

/// A PBX's HTTP API, as an adapter speaks it; nil when it did what was asked, else the reason.
public protocol PBXControl: Sendable {
    func perform(_ command: PBXCommand, call: Call, line: PhoneLine, settings: [String: Any], secrets: [String: String]) async -> String?
}

extension CallService {
    /// Call control from the console: answer a ringing call on an extension (the viewer's own by
    /// default), transfer a ringing or answered call (to a colleague's extension, an extension, the
    /// next available operator of a queue, or an outside number), hang one up. The PBX does it and
    /// reports back through its webhook; a refusal is `EXTERNAL_FAILURE`.
    public func control(_ viewer: Viewer, callID: Int64, _ request: ControlRequest) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let call = try await store.calls(ids: [callID], visibility: visibility).first else { throw DomainError.notFound("No such call.") }
        func refuse(_ field: String, _ message: String, _ code: String) -> Outcome {
            Outcome(call: call, userErrors: [UserError(field: ["input", field], message: message, code: code)])
        }
        let allowed: [Call.Status] = request.isAnswer ? [.ringing] : [.ringing, .answered]
        guard allowed.contains(call.state.status) else { return refuse("id", "The call is \(call.state.status.rawValue).", "INVALID_STATE") }
        guard let lineID = call.state.lineID, let line = try await store.lines(ids: [lineID]).first, line.deletedAt == nil, line.enabled else {
            return refuse("id", "The call's line is gone or disabled.", "INVALID_STATE")
        }
        let command: PBXCommand
        switch request {
        case .answer(let ext):
            guard let ext = CallProgress.trimmed(ext) ?? viewer.user?.extensionNumber else {
                return refuse("extension", "You have no extension: name one.", "REQUIRED")
            }
            command = .answer(extension: ext)
        case .transferToUser(let userID):
            guard let user = try await identity.user(id: userID), user.deletedAt == nil else { return refuse("to", "No such user.", "NOT_FOUND") }
            guard let ext = user.extensionNumber else { return refuse("to", "\(user.name) has no extension.", "INVALID") }
            command = .transfer(extension: ext, number: nil)
        case .transferToExtension(let ext):
            guard let ext = CallProgress.trimmed(ext) else { return refuse("to", "Name the extension.", "REQUIRED") }
            command = .transfer(extension: ext, number: nil)
        case .transferToQueue(let queueID):
            guard let queue = try await store.queues(ids: [queueID]).first, queue.deletedAt == nil else { return refuse("to", "No such call queue.", "NOT_FOUND") }
            let users = try await identity.allUsers().filter(\.isAvailable)
            let busy = try await store.usersOnCall(queue.memberIDs)
            guard let next = queue.roundRobinOrder.compactMap({ id in users.first { $0.id == id && !busy.contains(id) } }).first,
                  let ext = next.extensionNumber else {
                return refuse("to", "Nobody of the queue is available now.", "INVALID_STATE")
            }
            try await store.advanceQueue(id: queueID, to: next.id)
            command = .transfer(extension: ext, number: nil)
        case .transferToNumber(let text):
            guard let number = try? PhoneNumber(text) else { return refuse("to", "This is not a phone number.", "INVALID_PHONE") }
            command = .transfer(extension: nil, number: number.e164)
        case .hangUp:
            command = .hangUp
        }
        guard let control else { return refuse("id", "Call control is not connected on this server.", "EXTERNAL_FAILURE") }
        let settings = (try? JSONSerialization.jsonObject(with: Data(line.settings.utf8))) as? [String: Any] ?? [:]
        let secrets = (try? line.credentials.open(self.secrets)) ?? [:]
        if let failure = await control.perform(command, call: call, line: line, settings: settings, secrets: secrets) {
            return refuse("id", failure, "EXTERNAL_FAILURE")
        }
        return Outcome(call: call, userErrors: [])
    }
}

/// A call-control request as the console makes it.
public enum ControlRequest: Sendable {
    case answer(extension: String?)
    case transferToUser(Int64)
    case transferToExtension(String)
    case transferToQueue(Int64)
    case transferToNumber(String)
    case hangUp

    var isAnswer: Bool { if case .answer = self { true } else { false } }
}
