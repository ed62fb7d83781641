/// All Variable Uses Defined (spec §5.8.3): every variable an operation uses — in its own
/// selections or in any fragment it reaches — is defined by that operation. Checked when the
/// operation is left, as a fragment's variables belong to each operation that spreads it.
final class NoUndefinedVariablesRule: ValidationRule {
    func leave(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let op) = node else { return }
        let usages = context.recursiveVariableUsages(op)
        guard !usages.isEmpty else { return }
        let definitions = op.variableDefinitions
        // Most operations define a handful of variables: a linear scan beats hashing them.
        let definedSet: Set<String>? = definitions.count > 16 ? Set(definitions.map(\.variable.name.value)) : nil
        for usage in usages {
            let name = usage.node.name.value
            let isDefined = definedSet?.contains(name)
                ?? definitions.contains(where: { $0.variable.name.value == name })
            if isDefined { continue }
            let message = if let opName = op.name {
                "Variable \"$\(name)\" is not defined by operation \"\(opName.value)\"."
            } else {
                "Variable \"$\(name)\" is not defined."
            }
            context.report(message, usage.node.loc, op.loc)
        }
    }
}
