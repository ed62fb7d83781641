import Foundation

/// An organisation or a person the company sells to or serves.
public struct Client: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case organisation, individual }
    /// Prospects are kept apart from clients until they buy (scope M1).
    public enum Status: String, Sendable, CaseIterable { case prospect, client }

    public var id: Int64
    public var kind: Kind
    public var status: Status
    public var convertedAt: Date?
    public var fields: ClientFields
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, kind: Kind, status: Status, convertedAt: Date?, fields: ClientFields, createdAt: Date,
                updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.kind = kind
        self.status = status
        self.convertedAt = convertedAt
        self.fields = fields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The editable fields of a client, already validated and normalised.
public struct ClientFields: Equatable, Sendable {
    public var name: String
    public var legalName: String?
    public var inn: String?
    public var webDomain: String?
    public var industry: String?
    public var source: String?
    public var campaign: String?
    public var ownerID: Int64?
    public var tags: [String]
    public var phones: [PhoneEntry]
    public var emails: [EmailEntry]
    public var messengers: [MessengerEntry]
    public var address: String?
    /// A JSON object, as text.
    public var customFields: String

    public init(name: String, legalName: String? = nil, inn: String? = nil, webDomain: String? = nil, industry: String? = nil,
                source: String? = nil, campaign: String? = nil, ownerID: Int64? = nil, tags: [String] = [],
                phones: [PhoneEntry] = [], emails: [EmailEntry] = [], messengers: [MessengerEntry] = [],
                address: String? = nil, customFields: String = "{}") {
        self.name = name
        self.legalName = legalName
        self.inn = inn
        self.webDomain = webDomain
        self.industry = industry
        self.source = source
        self.campaign = campaign
        self.ownerID = ownerID
        self.tags = tags
        self.phones = phones
        self.emails = emails
        self.messengers = messengers
        self.address = address
        self.customFields = customFields
    }
}

/// A phone number of a record, in E.164.
public struct PhoneEntry: Equatable, Sendable {
    public var number: String
    public var kind: String
    public var primary: Bool
    public init(number: String, kind: String, primary: Bool) {
        self.number = number
        self.kind = kind
        self.primary = primary
    }
}

/// An e-mail address of a record, normalised.
public struct EmailEntry: Equatable, Sendable {
    public var address: String
    public var kind: String
    public var primary: Bool
    public init(address: String, kind: String, primary: Bool) {
        self.address = address
        self.kind = kind
        self.primary = primary
    }
}

/// A messenger handle of a record.
public struct MessengerEntry: Equatable, Sendable {
    public var messenger: String
    public var handle: String
    public init(messenger: String, handle: String) {
        self.messenger = messenger
        self.handle = handle
    }
}
