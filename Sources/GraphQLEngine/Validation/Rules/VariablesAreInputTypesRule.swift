/// Variables Are Input Types (spec §5.8.2): a variable's type, when known, is a scalar, enum or
/// input object (under any list and non-null wrappers). Unknown types are left to `KnownTypeNamesRule`.
final class VariablesAreInputTypesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .variableDefinition(let definition) = node,
              let named = context.schema.type(named: definition.type.namedType.name.value),
              !named.isInputType else { return }
        context.report("Variable \"$\(definition.variable.name.value)\" cannot be non-input type \"\(Printer.print(definition.type))\".",
                       definition.type.loc)
    }
}
