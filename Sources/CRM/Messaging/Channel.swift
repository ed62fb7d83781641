import Foundation

/// A configured channel through which dialogues arrive and answers leave, with how new
/// dialogues are distributed.
public struct Channel: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case telegram, viber, vk, vkShop = "vk_shop", email, webChat = "web_chat", `internal`
    }

    public var id: Int64
    public var name: String
    public var kind: Kind
    public var enabled: Bool
    /// In round-robin order.
    public var operatorIDs: [Int64]
    public var autoAssign: Bool
    public var maxOpenPerOperator: Int?
    public var createInquiries: Bool
    public var slaPolicyID: Int64?
    /// The operator who got the last dialogue (round robin).
    public var lastOperatorID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, kind: Kind, enabled: Bool = true, operatorIDs: [Int64] = [], autoAssign: Bool = true,
                maxOpenPerOperator: Int? = nil, createInquiries: Bool = false, slaPolicyID: Int64? = nil, lastOperatorID: Int64? = nil,
                createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.enabled = enabled
        self.operatorIDs = operatorIDs
        self.autoAssign = autoAssign
        self.maxOpenPerOperator = maxOpenPerOperator
        self.createInquiries = createInquiries
        self.slaPolicyID = slaPolicyID
        self.lastOperatorID = lastOperatorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The operators in the order the next dialogue tries them: after the one who got the last.
    public var roundRobinOrder: [Int64] {
        guard let last = lastOperatorID, let index = operatorIDs.firstIndex(of: last) else { return operatorIDs }
        return Array(operatorIDs[(index + 1)...] + operatorIDs[...index])
    }
}

/// One connection of a channel to an outside service: a bot, a community, a mailbox, a widget.
public struct ChannelAccount: Equatable, Sendable {
    public enum Status: String, Sendable { case connected, pending, disabled, error }

    public var id: Int64
    public var channelID: Int64
    public var name: String
    public var externalID: String?
    public var enabled: Bool
    public var status: Status
    public var lastError: String?
    public var lastEventAt: Date?
    /// JSON object text of non-secret settings.
    public var settings: String
    public var credentials: SealedCredentials
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, channelID: Int64, name: String, externalID: String? = nil, enabled: Bool = true, status: Status = .pending,
                lastError: String? = nil, lastEventAt: Date? = nil, settings: String = "{}", credentials: SealedCredentials = SealedCredentials(),
                createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.channelID = channelID
        self.name = name
        self.externalID = externalID
        self.enabled = enabled
        self.status = status
        self.lastError = lastError
        self.lastEventAt = lastEventAt
        self.settings = settings
        self.credentials = credentials
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}
