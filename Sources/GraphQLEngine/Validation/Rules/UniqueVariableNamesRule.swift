/// Variable Uniqueness (spec §5.8.1): an operation defines each variable name once. Every name
/// defined more than once gets one error listing all of its definitions.
final class UniqueVariableNamesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let op) = node, op.variableDefinitions.count > 1 else { return }
        let definitions = op.variableDefinitions
        // Variable lists are short: compare pairwise rather than build a dictionary per operation.
        for i in definitions.indices {
            let name = definitions[i].variable.name.value
            if definitions[..<i].contains(where: { $0.variable.name.value == name }) { continue }
            guard definitions[(i + 1)...].contains(where: { $0.variable.name.value == name }) else { continue }
            let locations = definitions[i...].lazy
                .filter { $0.variable.name.value == name }
                .map(\.variable.name.loc)
            context.report("There can be only one variable named \"$\(name)\".", locations: Array(locations))
        }
    }
}
