import CRM
import GraphQLEngine

/// `schema.graphql` bound to the domain: the executable schema the server runs.
public enum SwitchboardAPI {
    /// Binds every resolver the product has. Fields still without one answer `NOT_IMPLEMENTED`
    /// (listed by ``ExecutableSchema/unboundFields``; a test keeps that list exact).
    public static func executableSchema(_ schema: Schema, introspection: Bool = true,
                                        limits: ExecutionLimits = ExecutionLimits()) throws -> ExecutableSchema<RequestContext> {
        try ExecutableSchema<RequestContext>(schema: schema, introspection: introspection, limits: limits) { b in
            b.scalar("DateTime", CustomScalars.dateTime)
            b.scalar("Email", CustomScalars.email)
            b.scalar("PhoneNumber", CustomScalars.phoneNumber)
            b.scalar("Decimal", CustomScalars.decimal)
            b.scalar("Date", CustomScalars.date)
            for abstract in ["Node", "Annotatable", "Auditable", "SearchResult", "TimelineRecord"] {
                b.resolveType(abstract, typeName)
            }
            IdentityResolvers.bind(&b)
            ClientResolvers.bind(&b)
            ContactResolvers.bind(&b)
            PipelineResolvers.bind(&b)
            DealResolvers.bind(&b)
            TaskResolvers.bind(&b)
            SearchResolvers.bind(&b)
            NoteResolvers.bind(&b)
            TimelineResolvers.bind(&b)
            FileResolvers.bind(&b)
            SupportResolvers.bind(&b)
            TimeEntryResolvers.bind(&b)
            TelephonyResolvers.bind(&b)
            ProjectResolvers.bind(&b)
            MessagingResolvers.bind(&b)
            AnswerTemplateResolvers.bind(&b)
            KnowledgeResolvers.bind(&b)
            SubscriptionResolvers.bind(&b)
            PresenceResolvers.bind(&b)
            NodeResolvers.bind(&b)
        }
    }

    /// The schema type of a value resolvers return for an interface or union.
    static func typeName(_ value: any Sendable) -> String? {
        switch value {
        case is User: "User"
        case is Department: "Department"
        case is ApiToken: "ApiToken"
        case is Session: "Session"
        case is Client: "Client"
        case is Contact: "Contact"
        case is Pipeline: "Pipeline"
        case is PipelineStage: "PipelineStage"
        case is Deal: "Deal"
        case is DealStageChange: "DealStageChange"
        case is TaskItem: "Task"
        case is Note: "Note"
        case is Attachment: "File"
        case is WorkingCalendar: "WorkingCalendar"
        case is SlaPolicy: "SlaPolicy"
        case is Inquiry: "Inquiry"
        case is DeadlineView: "SlaDeadline"
        case is TimeEntry: "TimeEntry"
        case is Call: "Call"
        case is PhoneLine: "PhoneLine"
        case is CallQueue: "CallQueue"
        case is Channel: "Channel"
        case is ChannelAccount: "ChannelAccount"
        case is Dialogue: "Dialogue"
        case is Message: "Message"
        case is Project: "Project"
        case is ProjectTask: "ProjectTask"
        case is ProjectTemplate: "ProjectTemplate"
        case is ProjectDependency: "ProjectDependency"
        case is AnswerTemplate: "AnswerTemplate"
        case is KnowledgeArticle: "KnowledgeArticle"
        case is TimelineResolvers.Item: "TimelineItem"
        default: nil
        }
    }
}
