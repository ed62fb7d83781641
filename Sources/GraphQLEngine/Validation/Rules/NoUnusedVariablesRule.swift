/// All Variables Used (spec §5.8.4): every variable an operation defines is used, in its own
/// selections or in a fragment it reaches. Checked when the operation is left.
final class NoUnusedVariablesRule: ValidationRule {
    func leave(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let op) = node, !op.variableDefinitions.isEmpty else { return }
        let usages = context.recursiveVariableUsages(op)
        // Few definitions and few uses: scan; many: hash the used names once.
        let usedSet: Set<String>? = op.variableDefinitions.count * usages.count > 256
            ? Set(usages.map(\.node.name.value)) : nil
        for definition in op.variableDefinitions {
            let name = definition.variable.name.value
            let isUsed = usedSet?.contains(name) ?? usages.contains(where: { $0.node.name.value == name })
            if isUsed { continue }
            let message = if let opName = op.name {
                "Variable \"$\(name)\" is never used in operation \"\(opName.value)\"."
            } else {
                "Variable \"$\(name)\" is never used."
            }
            context.report(message, definition.loc)
        }
    }
}
