/// Single Root Field (spec §5.2.4.1): a subscription selects exactly one root field, which is not
/// an introspection field, and the top level of its selection — fragments included — uses neither
/// `@skip` nor `@include`, so the root field never depends on variable values.
///
/// The root fields are collected as CollectFields does with no variable values, following each
/// fragment once and only where its type condition applies to the subscription type.
final class SingleFieldSubscriptionsRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let operation) = node, operation.operation == .subscription,
              let subscriptionType = context.schema.subscriptionType else { return }
        var collector = RootFieldCollector(context: context, rootType: subscriptionType)
        collector.collect(operation.selectionSet)

        let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if !collector.conditionalDirectives.isEmpty {
            context.report("\(subject) must not use `@skip` or `@include` directives in the top level selection.",
                           locations: collector.conditionalDirectives)
            return
        }
        let groups = collector.groups
        if groups.count > 1 {
            context.report("\(subject) must select only one top level field.",
                           locations: groups.dropFirst().joined().map(\.loc))
        }
        for fields in groups where fields[0].name.value.hasPrefix("__") {
            context.report("\(subject) must not select an introspection top level field.",
                           locations: fields.map(\.loc))
        }
    }
}

/// CollectFields over a subscription's top level, recording each `@skip` or `@include` found there
/// instead of evaluating it (the selection it stands on is left out).
private struct RootFieldCollector {
    let context: ValidationContext
    let rootType: ObjectType
    /// The grouped field set: the fields of each response name, in the order first met.
    private(set) var groups: [[FieldNode]] = []
    private(set) var conditionalDirectives: [Location] = []
    private var groupIndex: [String: Int] = [:]
    private var visitedFragments: Set<String> = []

    init(context: ValidationContext, rootType: ObjectType) {
        self.context = context
        self.rootType = rootType
    }

    mutating func collect(_ selectionSet: SelectionSetNode) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard isIncluded(field.directives) else { continue }
                if let index = groupIndex[field.responseName] {
                    groups[index].append(field)
                } else {
                    groupIndex[field.responseName] = groups.count
                    groups.append([field])
                }
            case .inlineFragment(let fragment):
                guard isIncluded(fragment.directives), applies(fragment.typeCondition) else { continue }
                collect(fragment.selectionSet)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), isIncluded(spread.directives),
                      let fragment = context.fragment(named: name), applies(fragment.typeCondition) else { continue }
                visitedFragments.insert(name)
                collect(fragment.selectionSet)
            }
        }
    }

    /// Records the selection's `@skip` (or, failing that, its `@include`); false when it has one.
    private mutating func isIncluded(_ directives: [DirectiveNode]) -> Bool {
        guard !directives.isEmpty else { return true }
        let conditional = directives.first { $0.name.value == "skip" } ?? directives.first { $0.name.value == "include" }
        guard let conditional else { return true }
        conditionalDirectives.append(conditional.loc)
        return false
    }

    /// Whether a fragment with this type condition applies to the subscription type.
    private func applies(_ condition: NamedTypeNode?) -> Bool {
        guard let condition else { return true }
        guard let type = context.schema.type(named: condition.name.value) else { return false }
        return type === rootType || (type.isAbstract && context.schema.isSubType(type, rootType))
    }
}
