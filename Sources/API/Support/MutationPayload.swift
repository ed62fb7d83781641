import CRM

/// The outcome of a record mutation in the domain: the record as it is now, and the user errors
/// when the change was refused.
protocol RecordOutcome {
    var record: (any Sendable)? { get }
    var userErrors: [UserError] { get }
}

extension ClientService.Outcome: RecordOutcome {
    var record: (any Sendable)? { client }
}

extension ContactService.Outcome: RecordOutcome {
    var record: (any Sendable)? { contact }
}

extension PipelineService.Outcome: RecordOutcome {
    var record: (any Sendable)? { pipeline }
}

extension TaskService.Outcome: RecordOutcome {
    var record: (any Sendable)? { task }
}

extension NoteService.Outcome: RecordOutcome {
    var record: (any Sendable)? { note }
}

extension FileService.Outcome: RecordOutcome {
    var record: (any Sendable)? { file }
}

extension SupportConfigService.CalendarOutcome: RecordOutcome {
    var record: (any Sendable)? { calendar }
}

extension SupportConfigService.PolicyOutcome: RecordOutcome {
    var record: (any Sendable)? { policy }
}

extension InquiryService.Outcome: RecordOutcome {
    var record: (any Sendable)? { inquiry }
}

extension TimeEntryService.Outcome: RecordOutcome {
    var record: (any Sendable)? { entry }
}

extension UserService.Outcome: RecordOutcome {
    var record: (any Sendable)? { user }
}

extension DepartmentService.Outcome: RecordOutcome {
    var record: (any Sendable)? { department }
}

/// Mutation payloads of records: `{<key>: record, userErrors: [...]}`; expected failures become
/// user errors, the others request errors.
enum MutationPayload {
    static func run<Outcome: RecordOutcome>(_ key: String, _ body: () async throws -> Outcome) async throws -> [String: any Sendable] {
        do {
            return make(key, try await body())
        } catch let error as DomainError {
            return try IdentityResolvers.failure(error)
        }
    }

    static func make(_ key: String, _ outcome: some RecordOutcome) -> [String: any Sendable] {
        IdentityResolvers.payload([
            key: outcome.record,
            "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable],
        ])
    }
}
