import Foundation

/// Who made a change: a user, an integration's API token, a robot, or the system itself.
public enum Actor: Equatable, Sendable {
    case user(Int64)
    case apiToken(Int64)
    case robot(String)
    case system

    /// An actor as stored: its kind (`user`, `api_token`, `robot`, `system`) and id.
    public init(stored kind: String, id: Int64?) {
        switch kind {
        case "user": self = id.map(Actor.user) ?? .system
        case "api_token": self = id.map(Actor.apiToken) ?? .system
        case "robot": self = .robot("robot")
        default: self = .system
        }
    }

    /// The actor of a viewer's changes (an API token acting as a user is still the token).
    public init(_ viewer: Viewer) {
        switch viewer {
        case .user(let user, _): self = .user(user.id)
        case .apiToken(let token, _): self = .apiToken(token.id)
        case .anonymous: self = .system
        }
    }
}

/// One changed field of a record: the old and new value as JSON text, who, when, and the version
/// the change produced. Every change is kept; none are merged.
public struct FieldChange: Equatable, Sendable {
    public var id: Int64
    public var field: String
    public var oldValue: String?
    public var newValue: String?
    public var changedAt: Date
    public var actor: Actor
    public var version: Int

    public init(id: Int64, field: String, oldValue: String?, newValue: String?, changedAt: Date, actor: Actor, version: Int) {
        self.id = id
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.changedAt = changedAt
        self.actor = actor
        self.version = version
    }
}

/// A change to write: the field and its old and new JSON values.
public struct FieldEdit: Equatable, Sendable {
    public let field: String
    public let oldValue: String?
    public let newValue: String?

    public init(_ field: String, old: String?, new: String?) {
        self.field = field
        self.oldValue = old
        self.newValue = new
    }

    /// The JSON text of a string value (nil for null).
    public static func json(_ value: String?) -> String? {
        value.map(jsonString)
    }

    /// The JSON text of a string.
    public static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The JSON text of an id value (nil for null).
    public static func json(_ value: Int64?) -> String? { value.map(String.init) }
}

/// The outcome of writing a record under optimistic concurrency.
public enum VersionedWrite<Record: Sendable>: Sendable {
    case written(Record)
    /// The version given is not the record's: nothing was written; here is the current record.
    case stale(current: Record)
    case notFound
}
