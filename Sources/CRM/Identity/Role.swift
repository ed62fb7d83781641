/// What a user may see and do: admins everything, supervisors their department, managers and
/// operators what they own or are assigned to.
public enum Role: String, CaseIterable, Sendable {
    case admin, supervisor, manager, `operator`
}

/// What an API token may do.
public enum TokenScope: String, CaseIterable, Sendable {
    /// Read data through queries.
    case read
    /// Change data through mutations.
    case write
    /// Post webhooks (telephony, messengers, lead sources).
    case webhooks
}
