import Foundation

/// The PBX or telephony service behind a phone line; it fixes the webhook format.
public enum TelephonyProvider: String, Sendable, CaseIterable {
    case generic, zadarma, mango, uis, asterisk
}

/// A phone line (virtual number) of a PBX: its calls' events arrive at its webhook. Secrets are
/// kept sealed; only their names are shown.
public struct PhoneLine: Equatable, Sendable {
    public var id: Int64
    public var name: String
    /// E.164.
    public var number: String
    public var provider: TelephonyProvider
    public var enabled: Bool
    public var queueID: Int64?
    /// JSON object text of non-secret settings (`apiBaseUrl`, `apiKey`, provider specifics).
    public var settings: String
    /// The secrets (`webhookSecret`, `apiSecret`…); their values never leave the server.
    public var credentials: SealedCredentials
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, number: String, provider: TelephonyProvider, enabled: Bool = true, queueID: Int64? = nil,
                settings: String = "{}", credentials: SealedCredentials = SealedCredentials(), createdAt: Date = .distantPast,
                updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.number = number
        self.provider = provider
        self.enabled = enabled
        self.queueID = queueID
        self.settings = settings
        self.credentials = credentials
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// Operators among whom incoming calls are distributed round robin.
public struct CallQueue: Equatable, Sendable {
    public var id: Int64
    public var name: String
    /// In round-robin order.
    public var memberIDs: [Int64]
    public var ringTimeoutSeconds: Int
    public var callbackAssigneeID: Int64?
    /// The member who last got a call.
    public var lastMemberID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, memberIDs: [Int64] = [], ringTimeoutSeconds: Int = 20, callbackAssigneeID: Int64? = nil,
                lastMemberID: Int64? = nil, createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil,
                version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.memberIDs = memberIDs
        self.ringTimeoutSeconds = ringTimeoutSeconds
        self.callbackAssigneeID = callbackAssigneeID
        self.lastMemberID = lastMemberID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The members in the order the next call tries them: after the one who got the last call.
    public var roundRobinOrder: [Int64] {
        guard let last = lastMemberID, let index = memberIDs.firstIndex(of: last) else { return memberIDs }
        return Array(memberIDs[(index + 1)...] + memberIDs[...index])
    }
}
