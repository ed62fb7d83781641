/// Operation Type Existence (spec §5.2.1.1): the schema must have a root type for the kind of
/// each operation (a mutation needs a mutation type, a subscription a subscription type).
final class KnownOperationTypesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let operation) = node,
              context.schema.rootType(for: operation.operation) == nil else { return }
        context.report("The \(operation.operation.rawValue) operation is not supported by the schema.", operation.loc)
    }
}
