/// Maximum introspection depth (graphql-js 16.9+, beside spec §5 Validation; introspection is
/// spec §4): an introspection query (`__schema` or `__type`) may not nest the introspection
/// lists `fields`, `interfaces`, `possibleTypes` or `inputFields` three deep, counted through
/// inline fragments and fragment spreads. Such queries cost much and answer nothing a client needs.
///
/// The error stands at the `__schema` or `__type` field, as in graphql-js, and its subtree is not
/// checked again. Fragments are followed with the set of those being entered, so a cycle ends the
/// path (`NoFragmentCyclesRule` reports cycles); a missing fragment is skipped
/// (`KnownFragmentNamesRule`). Each fragment's answer at each entry depth is kept, so repeated
/// spreads cost nothing more.
///
/// ```graphql
/// { __schema { types { fields { type { fields { type { fields { name } } } } } } } }
/// # Maximum introspection depth exceeded
/// ```
final class MaxIntrospectionDepthRule: ValidationRule {
    private static let maxListDepth = 3

    private struct FragmentAtDepth: Hashable {
        let name: String
        let depth: Int
    }

    /// Whether a fragment entered at a depth reaches the limit.
    private var checked: [FragmentAtDepth: Bool] = [:]
    /// The fragments being entered on the current path.
    private var entered: Set<String> = []
    /// How many fields enclose the node being visited.
    private var fieldDepth = 0
    /// The `fieldDepth` of the field last reported: its subtree is not checked again.
    private var reportedFieldDepth: Int?

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .field(let field) = node else { return }
        fieldDepth += 1
        guard reportedFieldDepth == nil else { return }
        let name = field.name.value
        guard name == "__schema" || name == "__type", let selectionSet = field.selectionSet else { return }
        if exceedsDepth(selectionSet.selections, depth: 0, context) {
            context.report("Maximum introspection depth exceeded", field.loc)
            reportedFieldDepth = fieldDepth
        }
    }

    func leave(_ node: ASTNode, _ context: ValidationContext) {
        guard case .field = node else { return }
        if reportedFieldDepth == fieldDepth { reportedFieldDepth = nil }
        fieldDepth -= 1
    }

    /// Whether `selections`, at `depth` introspection lists deep, reach the limit.
    private func exceedsDepth(_ selections: [SelectionNode], depth: Int, _ context: ValidationContext) -> Bool {
        for selection in selections {
            switch selection {
            case .field(let field):
                var fieldDepth = depth
                switch field.name.value {
                case "fields", "interfaces", "possibleTypes", "inputFields":
                    fieldDepth += 1
                    if fieldDepth >= Self.maxListDepth { return true }
                default:
                    break
                }
                if let selectionSet = field.selectionSet,
                   exceedsDepth(selectionSet.selections, depth: fieldDepth, context) {
                    return true
                }
            case .inlineFragment(let inline):
                if exceedsDepth(inline.selectionSet.selections, depth: depth, context) { return true }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !entered.contains(name), let fragment = context.fragment(named: name) else { continue }
                let key = FragmentAtDepth(name: name, depth: depth)
                let exceeds: Bool
                if let known = checked[key] {
                    exceeds = known
                } else {
                    entered.insert(name)
                    exceeds = exceedsDepth(fragment.selectionSet.selections, depth: depth, context)
                    entered.remove(name)
                    checked[key] = exceeds
                }
                if exceeds { return true }
            }
        }
        return false
    }
}
