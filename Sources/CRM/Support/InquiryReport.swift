import Foundation

/// Inquiry analysis (C5) of a set of inquiries: counts by origin and status, first-response and
/// resolution times (average and 90th percentile), SLA outcomes, rejections.
public struct InquiryStats: Equatable, Sendable {
    /// Count, average and 90th percentile (nearest rank) of durations in seconds.
    public struct Durations: Equatable, Sendable {
        public let count: Int
        public let averageSeconds: Int?
        public let p90Seconds: Int?

        init(_ seconds: [Int]) {
            count = seconds.count
            let sorted = seconds.sorted()
            averageSeconds = sorted.isEmpty ? nil : Int((Double(sorted.reduce(0, +)) / Double(sorted.count)).rounded())
            p90Seconds = sorted.isEmpty ? nil : sorted[max(0, Int((0.9 * Double(sorted.count)).rounded(.up)) - 1)]
        }
    }

    public struct Outcome: Equatable, Sendable {
        public let metric: SlaDeadline.Metric
        public let met: Int
        public let missed: Int
        public let pending: Int
    }

    public let total: Int
    /// Per origin, its count and counts per status.
    public let byOrigin: [(origin: Inquiry.Origin, count: Int, byStatus: [(Inquiry.Status, Int)])]
    public let byStatus: [(Inquiry.Status, Int)]
    public let firstResponse: Durations
    public let resolution: Durations
    public let sla: [Outcome]
    public let rejected: Int
    /// Reasons, most frequent first.
    public let rejectionReasons: [(reason: String, count: Int)]

    public static func == (a: InquiryStats, b: InquiryStats) -> Bool {
        a.total == b.total && a.firstResponse == b.firstResponse && a.resolution == b.resolution && a.sla == b.sla && a.rejected == b.rejected
    }

    /// The statistics of `inquiries` as of `now` (a running deadline past due counts as missed).
    public init(_ inquiries: [Inquiry], now: Date) {
        total = inquiries.count
        func statuses(_ list: [Inquiry]) -> [(Inquiry.Status, Int)] {
            Inquiry.Status.allCases.compactMap { status in
                let n = list.filter { $0.status == status }.count
                return n > 0 ? (status, n) : nil
            }
        }
        byStatus = statuses(inquiries)
        byOrigin = Inquiry.Origin.allCases.compactMap { origin in
            let list = inquiries.filter { $0.fields.origin == origin }
            return list.isEmpty ? nil : (origin, list.count, statuses(list))
        }
        firstResponse = Durations(inquiries.compactMap { i in i.firstRespondedAt.map { Int($0.timeIntervalSince(i.createdAt)) } })
        resolution = Durations(inquiries.compactMap { i in
            i.rejectionReason == nil ? i.resolvedAt.map { Int($0.timeIntervalSince(i.createdAt)) } : nil
        })
        sla = SlaDeadline.Metric.allCases.map { metric in
            let deadlines = inquiries.flatMap { $0.deadlines.filter { $0.metric == metric }.map { $0.current(now: now) } }
            return Outcome(metric: metric, met: deadlines.filter { $0.state == .met }.count,
                           missed: deadlines.filter { $0.state == .missed }.count,
                           pending: deadlines.filter { $0.state == .running || $0.state == .paused }.count)
        }
        let reasons = inquiries.compactMap(\.rejectionReason)
        rejected = reasons.count
        rejectionReasons = Dictionary(grouping: reasons, by: { $0 }).map { ($0.key, $0.value.count) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}

/// Which inquiries a report covers.
public struct InquiryReportQuery: Sendable {
    public var from: Date
    public var to: Date
    public var managerIDs: [Int64]?
    public var departmentIDs: [Int64]?
    /// Only inquiries from dialogues of these channels.
    public var channelIDs: [Int64]?
    public var origins: [Inquiry.Origin]?

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }
}

/// The report: overall, and per manager (the assignee; unassigned inquiries under nobody).
public struct InquiryReport: Sendable {
    public let from: Date
    public let to: Date
    public let overall: InquiryStats
    public let byManager: [(managerID: Int64?, stats: InquiryStats)]

    /// The report over the inquiries the viewer sees, registered in `[from, to)`.
    public static func make(_ viewer: Viewer, _ query: InquiryReportQuery, store: any SupportStore, identity: any IdentityStore,
                            now: Date) async throws -> InquiryReport {
        guard viewer.canRead else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to see this.") : DomainError.forbidden("This token has no read scope.")
        }
        guard query.from < query.to else { throw DomainError.invalid([UserError(field: ["filter", "period"], message: "The period ends before it starts.", code: "INVALID")]) }
        let visibility = try await Visibility.of(viewer, store: identity)
        var list = InquiryQuery()
        list.createdFrom = query.from
        list.createdTo = query.to
        list.origins = query.origins
        list.channelIDs = query.channelIDs
        list.page.limit = 50_000
        list.page.countsTotal = false
        var inquiries = try await store.inquiries(list, visibility: visibility).items
        if let managers = query.managerIDs { inquiries = inquiries.filter { $0.fields.assigneeID.map(managers.contains) ?? false } }
        if let departments = query.departmentIDs {
            var members = Set<Int64>()
            for department in departments { members.formUnion(try await identity.users(departmentID: department).map(\.id)) }
            inquiries = inquiries.filter { $0.fields.assigneeID.map(members.contains) ?? false }
        }
        let groups = Dictionary(grouping: inquiries, by: \.fields.assigneeID)
        let byManager = groups.map { (managerID: $0.key, stats: InquiryStats($0.value, now: now)) }
            .sorted { ($0.stats.total, $1.managerID ?? 0) > ($1.stats.total, $0.managerID ?? 0) }
        return InquiryReport(from: query.from, to: query.to, overall: InquiryStats(inquiries, now: now), byManager: byManager)
    }
}
