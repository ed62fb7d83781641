/// Whom a viewer may hand work to (tasks, inquiries): anyone for admins and organisation-wide
/// tokens, otherwise the live members of their own department (or only themself without one).
public enum Assignment {
    /// nil means anyone.
    public static func allowed(_ viewer: Viewer, store: any IdentityStore) async throws -> Set<Int64>? {
        guard let user = viewer.user, user.role != .admin else { return nil }
        guard let department = user.departmentID else { return [user.id] }
        return Set(try await store.users(departmentID: department).map(\.id) + [user.id])
    }
}
