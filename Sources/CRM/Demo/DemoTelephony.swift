import Foundation
import Secrets

/// Demo telephony: the support queue (its operators), the sales line (generic webhooks, with a
/// webhook secret) and two weeks of calls with demo clients — answered, missed (with their
/// call-back tasks), outgoing, a few unknown numbers — played through ``CallService`` as a PBX
/// would report them, some with a short recording.
public enum DemoTelephony {
    /// The sales line's webhook secret in the demo (documented in the API guide).
    public static let webhookSecret = "demo-telephony-secret"

    /// Seeds the queue, the line and `count` calls unless a line exists; returns how many calls.
    public static func seed(store: any TelephonyStore, calls: CallService, clients: any ClientStore, identity: any IdentityStore,
                            secrets: SecretBox, clock: any WallClock, count: Int = 60) async throws -> Int {
        guard try await store.lines(providers: nil, deleted: .include).isEmpty else { return 0 }
        let users = try await identity.users(departmentID: nil)
        let operators = users.filter { $0.role == .operator }
        let queue = try await store.insertQueue(CallQueue(name: "Поддержка", memberIDs: operators.map(\.id), ringTimeoutSeconds: 20),
                                                createdBy: nil, at: clock.now())
        let credentials = try JSONSerialization.data(withJSONObject: ["webhookSecret": webhookSecret], options: [.sortedKeys])
        let line = try await store.insertLine(
            PhoneLine(name: "Отдел продаж", number: "+74950000000", provider: .generic, queueID: queue.id,
                      settings: #"{"apiBaseUrl":"http://127.0.0.1:9/pbx"}"#,
                      credentials: SealedCredentials(sealed: secrets.seal(Array(credentials)), keys: ["webhookSecret"])),
            createdBy: nil, at: clock.now())
        var query = ClientQuery()
        query.page.limit = 100
        let numbers = try await clients.clients(query, visibility: .all).items.compactMap { $0.fields.phones.first?.number }
        guard !numbers.isEmpty else { return 0 }
        let staff = users.filter { $0.role != .admin }.compactMap(\.extensionNumber)
        let recording = tone(seconds: 2)
        var random = DemoClients.Generator(state: 7_331)
        let now = clock.now()
        for i in 0..<count {
            let start = now.addingTimeInterval(-Double(3_600 + random.next(14 * 86_400)))
            let outside = i % 12 == 5 ? "+7916\(String(format: "%07d", 1_000_000 + random.next(8_999_999)))" : numbers[random.next(numbers.count)]
            let ext = staff[random.next(staff.count)]
            let outgoing = i % 4 == 3
            let id = "demo-\(i + 1)"
            func event(_ kind: CallEvent.Kind, _ at: Date, duration: Int? = nil, recordingURL: String? = nil) -> CallEvent {
                CallEvent(kind: kind, provider: .generic, providerCallID: id, direction: outgoing ? .outgoing : .incoming,
                          from: outgoing ? line.number : outside, to: outgoing ? outside : line.number,
                          fromExtension: outgoing ? ext : nil, userExtension: kind == .ringing && !outgoing ? nil : ext, at: at,
                          durationSeconds: duration, recordingURL: recordingURL)
            }
            _ = try await calls.record(event(.ringing, start), line: line)
            if i % 5 == 1 {
                // Missed: nobody answered.
                _ = try await calls.record(event(.ended, start.addingTimeInterval(Double(15 + random.next(30)))), line: line)
                continue
            }
            let answered = start.addingTimeInterval(Double(3 + random.next(20)))
            let talk = 20 + random.next(600)
            _ = try await calls.record(event(.answered, answered), line: line)
            let ended = try await calls.record(event(.ended, answered.addingTimeInterval(Double(talk)), duration: talk,
                                                     recordingURL: i % 3 == 0 ? "https://pbx.example/recordings/\(id).wav" : nil), line: line)
            if i % 3 == 0 { try await store.storeRecording(callID: ended.call.id, data: recording, contentType: "audio/wav") }
        }
        return count
    }

    /// A short 440 Hz tone as 8 kHz 16-bit mono WAV: a recording that any browser plays.
    static func tone(seconds: Int) -> [UInt8] {
        let rate = 8_000, samples = rate * seconds
        func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        var out = Array("RIFF".utf8) + le32(36 + samples * 2) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(rate)
            + le32(rate * 2) + le16(2) + le16(16) + Array("data".utf8) + le32(samples * 2)
        for n in 0..<samples {
            let value = Int((sin(2 * Double.pi * 440 * Double(n) / Double(rate)) * 8_000).rounded())
            out += le16(value & 0xFFFF)
        }
        return out
    }
}
