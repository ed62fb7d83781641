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
            b.resolveType("Node") { value in
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
                default: nil
                }
            }
            b.resolveType("Annotatable") { value in
                switch value {
                case is Client: "Client"
                case is Contact: "Contact"
                case is Deal: "Deal"
                case is TaskItem: "Task"
                default: nil
                }
            }
            b.resolveType("Auditable") { value in
                switch value {
                case is User: "User"
                case is Department: "Department"
                case is Client: "Client"
                case is Contact: "Contact"
                case is Pipeline: "Pipeline"
                case is PipelineStage: "PipelineStage"
                case is Deal: "Deal"
                case is TaskItem: "Task"
                default: nil
                }
            }
            b.resolveType("SearchResult") { value in
                switch value {
                case is Client: "Client"
                case is Contact: "Contact"
                case is Deal: "Deal"
                default: nil
                }
            }
            IdentityResolvers.bind(&b)
            ClientResolvers.bind(&b)
            ContactResolvers.bind(&b)
            PipelineResolvers.bind(&b)
            DealResolvers.bind(&b)
            TaskResolvers.bind(&b)
            SearchResolvers.bind(&b)
            NodeResolvers.bind(&b)
        }
    }
}
