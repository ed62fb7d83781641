import CRM
import GraphQLEngine

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

extension MutationPayload {
    /// Binds `delete<Type>` and `restore<Type>`: their `DeleteInput`/`RestoreInput` (a global id of
    /// `type`, NOT_FOUND otherwise, and an optional version) read once for every kind of record,
    /// then `change` with `deleting` true or false answers the payload.
    static func bindDeleteRestore(_ t: inout ObjectBindings<RootValue, RequestContext>, _ type: String, noun: String,
                                  _ change: @escaping @Sendable (FieldCall<RequestContext>, _ id: Int64, _ version: Int?,
                                                                 _ deleting: Bool) async throws -> [String: any Sendable]) {
        for (field, deleting) in [("delete\(type)", true), ("restore\(type)", false)] {
            t.asyncField(field) { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, type, noun: noun)
                let version = (input?["version"]).flatMap(RecordInput.int)
                return try await change(call, id, version, deleting)
            }
        }
    }
}
