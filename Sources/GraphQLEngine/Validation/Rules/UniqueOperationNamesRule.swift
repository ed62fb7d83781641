/// Operation Name Uniqueness (spec §5.2.1.1): each named operation must have a unique name.
final class UniqueOperationNamesRule: ValidationRule {
    private var known: [String: Location] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let op) = node, let name = op.name else { return }
        if let previous = known[name.value] {
            context.report("There can be only one operation named \"\(name.value)\".", previous, name.loc)
        } else {
            known[name.value] = name.loc
        }
    }
}
