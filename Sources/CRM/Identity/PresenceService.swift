import Foundation

/// Presence: a user with a live console connection is online and shows the presence they chose
/// (available, busy, away); routing offers calls and dialogues to available users only.
public struct PresenceService: Sendable {
    public let store: any IdentityStore
    public let clock: any WallClock

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

    /// A console connection of the user opened.
    public func connected(userID: Int64) async throws {
        try await store.countConnection(userID: userID, delta: 1)
    }

    /// A console connection of the user closed.
    public func disconnected(userID: Int64) async throws {
        try await store.countConnection(userID: userID, delta: -1)
    }

    /// The server starts: nobody is connected.
    public func reset() async throws {
        try await store.resetConnections()
    }
}
