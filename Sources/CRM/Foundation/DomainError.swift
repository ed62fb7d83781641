/// A failure the caller can act on, with the code clients see in `extensions.code`.
public enum DomainError: Error, Equatable, Sendable {
    /// No credentials, or credentials that are invalid or expired.
    case unauthenticated(String)
    /// Authenticated, but not allowed to do this.
    case forbidden(String)
    /// The record does not exist or the caller may not see it (the two are not told apart).
    case notFound(String)
    /// The record changed since the caller read it (optimistic concurrency).
    case conflict(String)
    /// Input that breaks a rule, field by field.
    case invalid([UserError])

    public var code: String {
        switch self {
        case .unauthenticated: "UNAUTHENTICATED"
        case .forbidden: "FORBIDDEN"
        case .notFound: "NOT_FOUND"
        case .conflict: "CONFLICT"
        case .invalid: "BAD_USER_INPUT"
        }
    }

    public var message: String {
        switch self {
        case .unauthenticated(let m), .forbidden(let m), .notFound(let m), .conflict(let m): m
        case .invalid(let errors): errors.map(\.message).joined(separator: " ")
        }
    }
}

/// An expected problem with one field of an input, returned in a payload's `userErrors`.
public struct UserError: Equatable, Sendable {
    /// The path of the input field, e.g. `["input", "email"]`.
    public let field: [String]
    public let message: String
    /// A code from the schema's `UserErrorCode` enum.
    public let code: String

    public init(field: [String], message: String, code: String) {
        self.field = field
        self.message = message
        self.code = code
    }
}

extension UserError {
    /// The record changed since the caller read it: nothing was saved.
    public static func staleVersion(_ noun: String, current: Int) -> UserError {
        UserError(field: ["input", "version"],
                  message: "The \(noun) changed since you read it (now version \(current)); nothing was saved.",
                  code: "CONFLICT")
    }
}

extension DomainError {
    /// A change not possible in the record's current state, as a user error on `input.id`.
    public static func invalidState(_ message: String, field: [String] = ["input", "id"]) -> DomainError {
        .invalid([UserError(field: field, message: message, code: "INVALID_STATE")])
    }
}
