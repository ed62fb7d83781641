import Foundation

/// What the deal services need from storage. Every read takes the viewer's visibility and
/// applies it in the query itself.
public protocol DealStore: Sendable {
    /// Visible deals with these ids (deleted ones included), in no particular order.
    func deals(ids: [Int64], visibility: Visibility) async throws -> [Deal]
    /// One page of visible deals matching `query`, and how many match in all.
    func deals(_ query: DealQuery, visibility: Visibility, now: Date) async throws -> Page<Deal>
    /// The first page of `query` for each of several clients or stages, in one statement.
    func deals(_ query: DealQuery, groupedBy: DealGrouping, ids: [Int64], visibility: Visibility,
               now: Date) async throws -> [Int64: Page<Deal>]
    /// The stage history of these deals, oldest first.
    func stageChanges(dealIDs: [Int64]) async throws -> [DealStageChange]
    func stageChanges(ids: [Int64]) async throws -> [DealStageChange]

    /// A new deal and its first stage-history entry, in one transaction.
    func insertDeal(_ deal: DealState, createdBy: Int64?, actor: Actor, at: Date) async throws -> Deal
    /// Writes the deal if its version is still `expectedVersion`, with the field history and, when
    /// it moved, the stage-history entry, in one transaction.
    func updateDeal(id: Int64, expectedVersion: Int?, state: DealState, deletedAt: Date?, edits: [FieldEdit],
                    move: Bool, actor: Actor, at: Date) async throws -> VersionedWrite<Deal>
}

/// The state of a deal as a write stores it.
public struct DealState: Sendable {
    public var fields: DealFields
    public var pipelineID: Int64
    public var stageID: Int64
    public var status: Deal.Status
    public var lossReason: String?
    public var closedAt: Date?
    public var stageEnteredAt: Date

    public init(fields: DealFields, pipelineID: Int64, stageID: Int64, status: Deal.Status, lossReason: String? = nil,
                closedAt: Date? = nil, stageEnteredAt: Date) {
        self.fields = fields
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.status = status
        self.lossReason = lossReason
        self.closedAt = closedAt
        self.stageEnteredAt = stageEnteredAt
    }

    public init(_ deal: Deal) {
        self.init(fields: deal.fields, pipelineID: deal.pipelineID, stageID: deal.stageID, status: deal.status,
                  lossReason: deal.lossReason, closedAt: deal.closedAt, stageEnteredAt: deal.stageEnteredAt)
    }
}

/// Which parent a grouped deal list belongs to.
public enum DealGrouping: String, Sendable {
    case client = "client_id"
    case stage = "stage_id"
}

/// Filter, order and page of a deal list.
public struct DealQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case title, amount, expectedCloseDate, stageEnteredAt, createdAt, updatedAt }

    public var text: String?
    public var pipelineIDs: [Int64]?
    public var stageIDs: [Int64]?
    public var statuses: [Deal.Status]?
    public var ownerIDs: [Int64]?
    public var clientIDs: [Int64]?
    /// Only those registered from these inquiries.
    public var inquiryIDs: [Int64]?
    public var contactIDs: [Int64]?
    public var stalled: Bool?
    /// Inclusive `YYYY-MM-DD` bounds.
    public var expectedCloseFrom: String?
    public var expectedCloseTo: String?
    /// Half-open time ranges `[from, to)`.
    public var closedFrom: Date?
    public var closedTo: Date?
    public var createdFrom: Date?
    public var createdTo: Date?
    public var sources: [String]?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .createdAt
    public var page = PageRequest()

    public init() {}
}
