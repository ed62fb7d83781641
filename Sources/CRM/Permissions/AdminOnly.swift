extension Viewer {
    /// Allows only a signed-in admin: UNAUTHENTICATED for anonymous viewers, otherwise FORBIDDEN
    /// with `message` (e.g. "Only admins change pipelines.").
    public func requireAdmin(_ message: String) throws {
        guard self != .anonymous else { throw DomainError.unauthenticated("Sign in to do this.") }
        guard case .user(let user, _) = self, user.role == .admin else { throw DomainError.forbidden(message) }
    }
}
