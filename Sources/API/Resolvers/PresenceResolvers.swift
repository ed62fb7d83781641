import CRM
import GraphQLEngine

/// `setPresence`: how the viewer shows while online.
enum PresenceResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("setPresence") { _, call in
                guard let choice = (call.arguments["input"]?["presence"]).flatMap(RecordInput.string)
                    .flatMap({ PresenceChoice(rawValue: $0.lowercased()) }) else {
                    throw ResolverError("presence is required.", code: "BAD_USER_INPUT")
                }
                do {
                    let user = try await call.context.services.presence.choose(call.context.viewer, choice)
                    return IdentityResolvers.payload(["user": user])
                } catch let error as DomainError {
                    return try IdentityResolvers.failure(error)
                }
            }
        }
        b.mapObject("SetPresencePayload")
    }
}
