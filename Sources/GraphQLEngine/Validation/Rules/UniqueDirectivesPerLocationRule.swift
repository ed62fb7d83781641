/// Directives Are Unique per Location (spec §5.7.3): a directive that is not `repeatable` is
/// applied at most once to the same node. Each repetition is reported with the first use.
/// Unknown directives are left to `KnownDirectivesRule`. When a document carries SDL, a schema or
/// a type and its extensions count as one location, as in graphql-js.
final class UniqueDirectivesPerLocationRule: ValidationRule {
    /// The non-repeatable directives seen on the schema definition and its extensions.
    private var schemaDirectives: [String: Location] = [:]
    /// The same per type name, over a type's definition and extensions.
    private var typeDirectives: [String: [String: Location]] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .operationDefinition(let n): check(n.directives, context)
        case .variableDefinition(let n): check(n.directives, context)
        case .field(let n): check(n.directives, context)
        case .fragmentSpread(let n): check(n.directives, context)
        case .inlineFragment(let n): check(n.directives, context)
        case .fragmentDefinition(let n): check(n.directives, context)
        case .fieldDefinition(let n): check(n.directives, context)
        case .inputValueDefinition(let n): check(n.directives, context)
        case .enumValueDefinition(let n): check(n.directives, context)
        case .schemaDefinition(let n), .schemaExtension(let n):
            check(n.directives, across: &schemaDirectives, context)
        case .typeDefinition(let n), .typeExtension(let n):
            guard !n.directives.isEmpty else { return }
            check(n.directives, across: &typeDirectives[n.name.value, default: [:]], context)
        default:
            break
        }
    }

    /// One node's directives: short lists, compared pairwise without allocating.
    private func check(_ directives: [DirectiveNode], _ context: ValidationContext) {
        guard directives.count > 1 else { return }
        for i in 1..<directives.count {
            let name = directives[i].name.value
            guard let first = directives[..<i].first(where: { $0.name.value == name }),
                  let definition = context.schema.directive(named: name), !definition.isRepeatable else { continue }
            report(name, first.loc, directives[i].loc, context)
        }
    }

    /// Directives of a node whose location spans several nodes (definitions and extensions).
    private func check(_ directives: [DirectiveNode], across seen: inout [String: Location],
                       _ context: ValidationContext) {
        for directive in directives {
            let name = directive.name.value
            guard let definition = context.schema.directive(named: name), !definition.isRepeatable else { continue }
            if let first = seen[name] {
                report(name, first, directive.loc, context)
            } else {
                seen[name] = directive.loc
            }
        }
    }

    private func report(_ name: String, _ first: Location, _ repeated: Location, _ context: ValidationContext) {
        context.report("The directive \"@\(name)\" can only be used once at this location.", first, repeated)
    }
}
