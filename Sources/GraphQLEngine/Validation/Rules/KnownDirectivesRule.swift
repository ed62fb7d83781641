/// Directives Are Defined (spec §5.7.1) and Directives Are In Valid Locations (spec §5.7.2): every
/// directive a document uses is known to the schema and allowed where it stands — QUERY, FIELD,
/// VARIABLE_DEFINITION and the other executable locations, or the type-system location of a
/// definition when a document carries SDL.
final class KnownDirectivesRule: ValidationRule {
    /// The directive location of each enclosing node that may carry directives, innermost last.
    /// A directive definition stands as ARGUMENT_DEFINITION: its children are argument definitions.
    private var locations: [DirectiveLocation] = []

    init() {
        locations.reserveCapacity(32)
    }

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        if case .directive(let directive) = node {
            check(directive, context)
        } else if let location = location(of: node) {
            locations.append(location)
        }
    }

    func leave(_ node: ASTNode, _ context: ValidationContext) {
        if isDirectiveOwner(node) { locations.removeLast() }
    }

    private func check(_ node: DirectiveNode, _ context: ValidationContext) {
        let name = node.name.value
        guard let directive = context.schema.directive(named: name) else {
            context.report("Unknown directive \"@\(name)\".", node.loc)
            return
        }
        if let location = locations.last, !directive.locations.contains(location) {
            context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", node.loc)
        }
    }

    /// Where a directive applied to `node` stands, or nil when `node` carries no directives.
    private func location(of node: ASTNode) -> DirectiveLocation? {
        switch node {
        case .operationDefinition(let op):
            switch op.operation {
            case .query: .query
            case .mutation: .mutation
            case .subscription: .subscription
            }
        case .variableDefinition: .variableDefinition
        case .field: .field
        case .fragmentSpread: .fragmentSpread
        case .inlineFragment: .inlineFragment
        case .fragmentDefinition: .fragmentDefinition
        case .schemaDefinition, .schemaExtension: .schema
        case .typeDefinition(let t), .typeExtension(let t):
            switch t.kind {
            case .scalar: .scalar
            case .object: .object
            case .interface: .interface
            case .union: .union
            case .enumType: .enumType
            case .inputObject: .inputObject
            }
        case .fieldDefinition: .fieldDefinition
        case .inputValueDefinition: locations.last == .inputObject ? .inputFieldDefinition : .argumentDefinition
        case .enumValueDefinition: .enumValue
        case .directiveDefinition: .argumentDefinition
        default: nil
        }
    }

    private func isDirectiveOwner(_ node: ASTNode) -> Bool {
        switch node {
        case .operationDefinition, .variableDefinition, .field, .fragmentSpread, .inlineFragment,
             .fragmentDefinition, .schemaDefinition, .schemaExtension, .typeDefinition, .typeExtension,
             .fieldDefinition, .inputValueDefinition, .enumValueDefinition, .directiveDefinition:
            true
        default:
            false
        }
    }
}
