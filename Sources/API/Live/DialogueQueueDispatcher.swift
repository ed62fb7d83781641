import CRM
import Foundation

/// Assigns queued dialogues as soon as someone can take them: when a user becomes available
/// (comes online or chooses `available`) or an operator's dialogue is handed to someone else,
/// as the outbox reports it; and every `interval` for the rest (limits raised, operators added
/// to a channel). Closing a dialogue assigns at once (``DialogueService/setStatus``).
public struct DialogueQueueDispatcher: Sendable {
    let dialogues: DialogueService
    let bus: EventBus

    public init(dialogues: DialogueService, bus: EventBus) {
        self.dialogues = dialogues
        self.bus = bus
    }

    public func run(every interval: Duration = .seconds(30)) async {
        let (wakeUps, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (subscription, _) = await bus.subscribe(to: [.presenceChanged, .dialogueAssigned]) { event in
            if Self.mayFreeSomeone(event) { wake.yield() }
        }
        let ticker = Task {
            while !Task.isCancelled {
                wake.yield()
                try? await Task.sleep(for: interval)
            }
        }
        for await _ in wakeUps {
            if Task.isCancelled { break }
            _ = try? await dialogues.assignQueued()
        }
        ticker.cancel()
        await bus.unsubscribe(subscription)
    }

    /// Whether an event may let a queued dialogue be assigned.
    static func mayFreeSomeone(_ event: DomainEvent) -> Bool {
        switch event.kind {
        case .presenceChanged: event.text("presence") == "available"
        case .dialogueAssigned: event.id("previous") != nil
        default: false
        }
    }
}
