/// Refuses introspection of the schema (`__schema`, `__type`) where it is switched off, with
/// graphql-js's message, so clients get an error instead of silently missing fields.
/// `__typename` stays allowed. Not one of the spec's rules: added by
/// ``ExecutableSchema/validationRules`` when introspection is disabled.
final class NoSchemaIntrospectionCustomRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        // One error per entry into introspection, not one per field inside it.
        guard case .field(let field) = node, let type = context.typeInfo.type,
              type.namedType.name.hasPrefix("__"),
              context.typeInfo.parentType?.name.hasPrefix("__") != true else { return }
        context.report("GraphQL introspection has been disabled, but the requested query contained the field \"\(field.name.value)\".",
                       field.loc)
    }
}
