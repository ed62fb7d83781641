/// Fragment Name Uniqueness (spec §5.5.1.1): no two fragment definitions share a name.
final class UniqueFragmentNamesRule: ValidationRule {
    /// Where each fragment name was first defined.
    private var known: [String: Location] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .fragmentDefinition(let fragment) = node else { return }
        let name = fragment.name
        if let previous = known[name.value] {
            context.report("There can be only one fragment named \"\(name.value)\".", previous, name.loc)
        } else {
            known[name.value] = name.loc
        }
    }
}
