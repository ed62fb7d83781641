import Foundation

/// A sales opportunity moving through a pipeline's stages until it is won or lost.
public struct Deal: Equatable, Sendable {
    public enum Status: String, Sendable, CaseIterable { case open, won, lost }

    public var id: Int64
    public var fields: DealFields
    public var pipelineID: Int64
    public var stageID: Int64
    public var status: Status
    public var lossReason: String?
    public var closedAt: Date?
    public var stageEnteredAt: Date
    /// The current stage's probability and stall limit, read with the deal.
    public var stageProbability: Int
    public var stageStallDays: Int?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, fields: DealFields, pipelineID: Int64, stageID: Int64, status: Status, lossReason: String?,
                closedAt: Date?, stageEnteredAt: Date, stageProbability: Int, stageStallDays: Int?, createdAt: Date,
                updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.fields = fields
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.status = status
        self.lossReason = lossReason
        self.closedAt = closedAt
        self.stageEnteredAt = stageEnteredAt
        self.stageProbability = stageProbability
        self.stageStallDays = stageStallDays
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// Chance of winning: the stage's while open, 100 when won, 0 when lost.
    public var probability: Int {
        switch status {
        case .open: stageProbability
        case .won: 100
        case .lost: 0
        }
    }

    /// Since when an open deal counts as stalled (its stage's limit passed), or nil.
    public func stalledSince(now: Date) -> Date? {
        guard status == .open, let days = stageStallDays else { return nil }
        let since = stageEnteredAt.addingTimeInterval(Double(days) * 86_400)
        return since < now ? since : nil
    }
}

/// The editable fields of a deal, validated and normalised.
public struct DealFields: Equatable, Sendable {
    public var title: String
    /// Exact decimal text, never negative.
    public var amount: String?
    public var currency: String
    /// `YYYY-MM-DD`.
    public var expectedCloseDate: String?
    public var ownerID: Int64?
    public var clientID: Int64?
    public var contactID: Int64?
    public var source: String?
    public var campaign: String?
    /// A JSON object, as text.
    public var customFields: String
    /// The support inquiry it was registered from (set when created).
    public var inquiryID: Int64?

    public init(title: String, amount: String? = nil, currency: String = "RUB", expectedCloseDate: String? = nil,
                ownerID: Int64? = nil, clientID: Int64? = nil, contactID: Int64? = nil, source: String? = nil,
                campaign: String? = nil, customFields: String = "{}", inquiryID: Int64? = nil) {
        self.inquiryID = inquiryID
        self.title = title
        self.amount = amount
        self.currency = currency
        self.expectedCloseDate = expectedCloseDate
        self.ownerID = ownerID
        self.clientID = clientID
        self.contactID = contactID
        self.source = source
        self.campaign = campaign
        self.customFields = customFields
    }
}

/// One move of a deal between stages or statuses.
public struct DealStageChange: Equatable, Sendable {
    public var id: Int64
    public var dealID: Int64
    public var fromStageID: Int64?
    public var toStageID: Int64
    public var fromStatus: Deal.Status?
    public var toStatus: Deal.Status
    public var changedAt: Date
    public var actor: Actor
    public var secondsInPreviousStage: Int?

    public init(id: Int64, dealID: Int64, fromStageID: Int64?, toStageID: Int64, fromStatus: Deal.Status?, toStatus: Deal.Status,
                changedAt: Date, actor: Actor, secondsInPreviousStage: Int?) {
        self.id = id
        self.dealID = dealID
        self.fromStageID = fromStageID
        self.toStageID = toStageID
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.changedAt = changedAt
        self.actor = actor
        self.secondsInPreviousStage = secondsInPreviousStage
    }
}
