import Foundation

/// A person at a client (or on their own), with a position, phones, e-mails and messengers.
public struct Contact: Equatable, Sendable {
    public var id: Int64
    public var fields: ContactFields
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, fields: ContactFields, createdAt: Date, updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.fields = fields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The editable fields of a contact, validated and normalised.
public struct ContactFields: Equatable, Sendable {
    public var firstName: String
    public var middleName: String?
    public var lastName: String?
    public var clientID: Int64?
    public var position: String?
    public var ownerID: Int64?
    public var phones: [PhoneEntry]
    public var emails: [EmailEntry]
    public var messengers: [MessengerEntry]
    /// A calendar date, `YYYY-MM-DD`.
    public var birthday: String?
    /// A JSON object, as text.
    public var customFields: String

    public init(firstName: String, middleName: String? = nil, lastName: String? = nil, clientID: Int64? = nil,
                position: String? = nil, ownerID: Int64? = nil, phones: [PhoneEntry] = [], emails: [EmailEntry] = [],
                messengers: [MessengerEntry] = [], birthday: String? = nil, customFields: String = "{}") {
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
        self.clientID = clientID
        self.position = position
        self.ownerID = ownerID
        self.phones = phones
        self.emails = emails
        self.messengers = messengers
        self.birthday = birthday
        self.customFields = customFields
    }

    /// The name as displayed: first, middle and last name.
    public var name: String {
        [firstName, middleName, lastName].compactMap { $0 }.joined(separator: " ")
    }
}

/// What the contact services need from storage; reads apply the viewer's visibility in SQL.
public protocol ContactStore: Sendable {
    func contacts(ids: [Int64], visibility: Visibility) async throws -> [Contact]
    func contacts(_ query: ContactQuery, visibility: Visibility) async throws -> Page<Contact>
    /// Every visible contact of these clients (by name), in one query — for `Client.contacts`
    /// over a whole list of clients.
    func contacts(clientIDs: [Int64], deleted: DeletedFilter, visibility: Visibility) async throws -> [Contact]
    func insertContact(_ fields: ContactFields, createdBy: Int64?, at: Date) async throws -> Contact
    func updateContact(id: Int64, expectedVersion: Int?, fields: ContactFields, deletedAt: Date?, edits: [FieldEdit],
                       actor: Actor, at: Date) async throws -> VersionedWrite<Contact>
}

/// Filter, order and page of a contact list.
public struct ContactQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case name, createdAt, updatedAt }

    public var text: String?
    public var clientIDs: [Int64]?
    public var ownerIDs: [Int64]?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .name
    public var page = PageRequest()

    public init() {}
}
