import Foundation

/// What the client services need from storage. Every read takes the viewer's visibility and
/// applies it in the query itself.
public protocol ClientStore: Sendable {
    /// Visible clients with these ids (deleted ones included), in no particular order.
    func clients(ids: [Int64], visibility: Visibility) async throws -> [Client]
    /// One page of visible clients matching `query`, and how many match in all.
    func clients(_ query: ClientQuery, visibility: Visibility) async throws -> Page<Client>
    /// The visible, live client with this phone (E.164 digits), e-mail, INN or web domain.
    func client(lookup: ClientLookup, visibility: Visibility) async throws -> Client?
    func insertClient(kind: Client.Kind, status: Client.Status, fields: ClientFields, createdBy: Int64?,
                      actor: Actor, at: Date) async throws -> Client
    /// Writes new values if the version is still `expectedVersion`, with the history, in one transaction.
    func updateClient(id: Int64, expectedVersion: Int?, kind: Client.Kind, status: Client.Status, convertedAt: Date?,
                      fields: ClientFields, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                      at: Date) async throws -> VersionedWrite<Client>
}

/// A look-up of one client by an identifying value.
public enum ClientLookup: Equatable, Sendable {
    case phoneDigits(String)
    case email(String)
    case inn(String)
    case webDomain(String)
}

/// Filter, order and page of a client list.
public struct ClientQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case name, createdAt, updatedAt }

    public var text: String?
    public var kinds: [Client.Kind]?
    public var statuses: [Client.Status]?
    public var ownerIDs: [Int64]?
    public var tags: [String]?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .name
    public var page = PageRequest()

    public init() {}
}
