/// Fragment Spread Is Possible (spec §5.5.2.3): a fragment may be spread, or an inline fragment
/// used, only where some object type could satisfy both its type condition and the type in scope.
/// Unknown fragments and non-composite conditions are left to other rules.
final class PossibleFragmentSpreadsRule: ValidationRule {
    /// The composite type each named fragment applies to; nil when unknown or not composite.
    private var fragmentTypes: [String: GraphQLNamedType?] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .inlineFragment(let fragment):
            guard let fragmentType = context.typeInfo.type?.namedType, fragmentType.isComposite,
                  let parentType = context.typeInfo.parentType,
                  !context.schema.doTypesOverlap(fragmentType, parentType) else { return }
            context.report("Fragment cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                           fragment.loc)
        case .fragmentSpread(let spread):
            let name = spread.name.value
            guard let fragmentType = fragmentType(named: name, context),
                  let parentType = context.typeInfo.parentType,
                  !context.schema.doTypesOverlap(fragmentType, parentType) else { return }
            context.report("Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(fragmentType.name)\".",
                           spread.loc)
        default:
            break
        }
    }

    private func fragmentType(named name: String, _ context: ValidationContext) -> GraphQLNamedType? {
        if let cached = fragmentTypes[name] { return cached }
        var type: GraphQLNamedType? = nil
        if let fragment = context.fragment(named: name),
           let condition = context.schema.type(named: fragment.typeCondition.name.value), condition.isComposite {
            type = condition
        }
        fragmentTypes[name] = .some(type)
        return type
    }
}
