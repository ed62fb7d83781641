/// Which owned records a viewer may see, decided here and applied by the store in SQL, so no
/// list, count, look-up or `node` ever fetches a row the viewer may not see.
public enum Visibility: Equatable, Sendable {
    /// Every record (admins; API tokens that act as nobody in particular).
    case all
    /// Records owned by one of these users (a manager: themself; a supervisor: their department).
    case ownedBy([Int64])
    /// Nothing (anonymous, or a token without the read scope).
    case none

    /// The visibility of a viewer: admin all; supervisor the records owned by the members of their
    /// department (and their own); manager and operator their own.
    public static func of(_ viewer: Viewer, store: any IdentityStore) async throws -> Visibility {
        guard viewer.canRead else { return .none }
        guard let user = viewer.user else { return .all } // an organisation-wide API token
        switch user.role {
        case .admin:
            return .all
        case .supervisor:
            guard let department = user.departmentID else { return .ownedBy([user.id]) }
            let members = try await store.users(departmentID: department).map(\.id)
            return .ownedBy(Array(Set(members + [user.id])).sorted())
        case .manager, .operator:
            return .ownedBy([user.id])
        }
    }

    /// Whether a record owned by `ownerID` is visible.
    public func allows(ownerID: Int64?) -> Bool {
        switch self {
        case .all: true
        case .ownedBy(let ids): ownerID.map(ids.contains) ?? false
        case .none: false
        }
    }
}

extension Visibility {
    /// The visibility of a viewer who wants to change data: UNAUTHENTICATED for anonymous
    /// viewers, FORBIDDEN for a token without the write scope.
    public static func ofWriter(_ viewer: Viewer, store: any IdentityStore) async throws -> Visibility {
        guard viewer.canWrite else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("This token has no write scope.")
        }
        return try await of(viewer, store: store)
    }
}
