import Foundation

/// Presence: a user with a live console connection is online and shows the presence they chose
/// (available, busy, away); routing offers calls and dialogues to available users only.
public struct PresenceService: Sendable {
    public let store: any IdentityStore
    public let clock: any WallClock
    private let connections = LiveConnections()

    public init(store: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The viewer chooses how they show while online.
    public func choose(_ viewer: Viewer, _ choice: PresenceChoice) async throws -> User {
        guard case .user(let user, _) = viewer else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("Only users have a presence.")
        }
        try await store.setPresenceChoice(userID: user.id, choice: choice, at: clock.now())
        guard let updated = try await store.user(id: user.id) else { throw DomainError.notFound("No such user.") }
        return updated
    }

    /// A console connection of the user opened; returns once the user is stored as online.
    public func connected(userID: Int64) async {
        await connections.change(userID, by: 1, store: store)?.value
    }

    /// A console connection of the user closed; returns once the user is stored as offline, if
    /// it was their last.
    public func disconnected(userID: Int64) async {
        await connections.change(userID, by: -1, store: store)?.value
    }

    /// The server starts: nobody is connected.
    public func reset() async throws {
        try await store.resetConnections()
    }
}

/// Live console connections per user, counted in memory (one server process holds them all, and
/// starts with none): the database is written only when a user comes online or goes offline,
/// not for every socket. Each user's writes run one after another, in the order of the changes,
/// so the stored state is always the last one.
actor LiveConnections {
    private var counts: [Int64: Int] = [:]
    private var lastWrite: [Int64: Task<Void, Never>] = [:]

    /// Counts a connection opening (+1) or closing (−1); the write when the user came online or
    /// went offline.
    func change(_ userID: Int64, by delta: Int, store: any IdentityStore) -> Task<Void, Never>? {
        let before = counts[userID] ?? 0
        let after = max(0, before + delta)
        counts[userID] = after == 0 ? nil : after
        guard (before > 0) != (after > 0) else { return nil }
        let previous = lastWrite[userID]
        let write = Task {
            await previous?.value
            try? await store.setConnected(userID: userID, after > 0)
        }
        lastWrite[userID] = write
        return write
    }
}
